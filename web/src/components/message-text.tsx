import { onLinkClick } from '../lib/router';

/**
 * The recovery pages an API message may send someone to, by the phrase it uses for them: the API keeps its
 * texts readable («use «¿Olvidó su contraseña?»»), and the page turns the phrase into the link.
 */
const recoveryLinks: Record<string, string> = {
  '¿Olvidó su contraseña?': '/recuperar',
  '¿Olvidó su usuario?': '/recordar-usuario',
};
/** Only the phrase quoted as a page name («…»): the guillemets stay as text, the phrase becomes the link. */
const PHRASE = /(?<=«)(¿Olvidó su contraseña\?|¿Olvidó su usuario\?)(?=»)/;

/** A message as text, with each «¿Olvidó su …?» it names rendered as a link to that page. */
export function MessageText({ text }: { text: string }) {
  const parts = text.split(PHRASE);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={recoveryLinks[part]} onClick={onLinkClick}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}
