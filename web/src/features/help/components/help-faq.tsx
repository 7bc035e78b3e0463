const questions: { question: string; answer: string }[] = [
  {
    question: '¿Qué son el ClientID y el ClientSecret?',
    answer:
      'Son las credenciales con las que el sistema de historia clínica de su entidad se identifica ante IHCE: el ClientID es el nombre de la aplicación y el ClientSecret su contraseña. Con ellas obtiene un token (de Microsoft Entra ID) que acompaña cada llamada a los servicios.',
  },
  {
    question: '¿Qué le envío al proveedor de software?',
    answer:
      'El archivo de «Descargar configuración (Postman)» del ambiente que vaya a configurar, o los valores que copia del Paso 2. Envíelo por un canal seguro, nunca en un correo sin cifrar ni en un chat abierto: el ClientSecret da acceso a los datos clínicos en nombre de su entidad.',
  },
  {
    question: '¿Qué hago cuando las llaves están por vencer o vencieron?',
    answer:
      'Pida llaves nuevas con «Resolicitud Token» antes de la fecha de expiración. El sistema le avisa por correo 60, 30, 15, 7 y 1 días antes, y el día después del vencimiento. Cuando el Ministerio asigna las nuevas, el ClientSecret anterior sigue funcionando unos días (periodo de transición) para que cambie la configuración sin cortes.',
  },
  {
    question: '¿Qué hago si el ClientSecret pudo quedar expuesto?',
    answer:
      'Pida llaves nuevas con «Resolicitud Token» y explique el motivo, o comuníquese con la mesa de ayuda: el funcionario puede revocar de inmediato el ClientSecret anterior.',
  },
  {
    question: '¿Cuánto tarda el Ministerio en asignar las llaves?',
    answer:
      'Un funcionario revisa cada solicitud en orden de llegada. Recibirá un correo cuando las llaves estén asignadas o si la solicitud es rechazada, con el motivo.',
  },
  {
    question: 'Olvidé mi usuario o mi contraseña',
    answer:
      'En la página de ingreso use «¿Olvidó su usuario?» (le llega por correo) o «¿Olvidó su contraseña?» (le llega un enlace para definir una nueva).',
  },
];

/** Frequent questions of delegates (the ones the help desk answers most). */
export function HelpFaq() {
  return (
    <section aria-labelledby="preguntas">
      <h2 id="preguntas">6. Preguntas frecuentes</h2>
      {questions.map((item, index) => (
        <div key={item.question} class="help-question">
          <h3 id={`pregunta-${index + 1}`}>{item.question}</h3>
          <p>{item.answer}</p>
        </div>
      ))}
    </section>
  );
}
