#!/usr/bin/env bash
# Quita los roles que el principal que despliega (o el que se indique) tiene sobre el Key Vault y la cuenta de
# almacenamiento de un entorno. Hace falta porque poner grantDeployerAccess=false NO quita nada: las
# implementaciones de ARM en modo incremental nunca borran asignaciones que ya existen.
#
# Uso (desde la raíz del repositorio, con `az login` hecho):
#   set -a; eval "$(azd env get-values)"; set +a
#   scripts/azure/revoke-deployer-access.sh              # solo muestra lo que quitaría
#   scripts/azure/revoke-deployer-access.sh --apply      # las quita
#   scripts/azure/revoke-deployer-access.sh --principal <object-id> [--apply]
#
# Lee AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, AZURE_KEY_VAULT_NAME, AZURE_STORAGE_ACCOUNT_NAME y, si no se
# da --principal, AZURE_PRINCIPAL_ID (los deja azd en .azure/<entorno>/.env).
set -euo pipefail

apply=false
principal="${AZURE_PRINCIPAL_ID:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --apply) apply=true ;;
    --principal) principal="${2:-}"; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "Opción desconocida: $1 (use --apply o --principal <object-id>)" >&2; exit 2 ;;
  esac
  shift
done

missing=()
for name in AZURE_SUBSCRIPTION_ID AZURE_RESOURCE_GROUP AZURE_KEY_VAULT_NAME AZURE_STORAGE_ACCOUNT_NAME; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
[ -n "$principal" ] || missing+=("AZURE_PRINCIPAL_ID (o --principal)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "Faltan: ${missing[*]}. Cargue el entorno con: set -a; eval \"\$(azd env get-values)\"; set +a" >&2
  exit 2
fi

group="/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/${AZURE_RESOURCE_GROUP}/providers"
scopes=(
  "${group}/Microsoft.KeyVault/vaults/${AZURE_KEY_VAULT_NAME}"
  "${group}/Microsoft.Storage/storageAccounts/${AZURE_STORAGE_ACCOUNT_NAME}"
)

found=0
for scope in "${scopes[@]}"; do
  # Assignments at this exact scope: az leaves out inherited ones (resource group, subscription) unless
  # --include-inherited, and those are not this template's to remove.
  listing=$(az role assignment list --assignee "$principal" --scope "$scope" \
    --query "[].[id, roleDefinitionName, scope]" --output tsv)
  while IFS=$'\t' read -r id role at; do
    [ -n "$id" ] || continue
    found=$((found + 1))
    if [ "$apply" = true ]; then
      az role assignment delete --ids "$id" --output none
      echo "Quitado: ${role} sobre ${at}"
    else
      echo "Se quitaría: ${role} sobre ${at} (${id})"
    fi
  done <<<"$listing"
done

if [ "$found" -eq 0 ]; then
  echo "El principal ${principal} no tiene roles sobre el Key Vault ni sobre la cuenta de almacenamiento."
elif [ "$apply" = false ]; then
  echo "Simulación: nada cambió. Ejecute de nuevo con --apply para quitar ${found} asignación(es)."
fi
