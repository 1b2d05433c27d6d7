import { defineMessages } from '../i18n/i18n.ts';

/** The fixed words of the components and of the journey helper (registered by the pages module). */
export const webMessages = defineMessages(
  {
    'components.character_count.limit': 'Numărul maxim de caractere: {n}',
    'components.character_count.remaining': 'Caractere rămase: {n}',
    'components.character_count.over': 'Caractere peste limită: {n}',
    'components.pagination.page': 'pagina',
    'components.file_upload.too_large': 'Fișierul „{name}” are {size}, iar se pot trimite fișiere de cel mult {max}. Alegeți o fotografie mai mică sau micșorați-o și încercați din nou.',
    'components.form.sending': 'Se trimite… nu închideți pagina',
    'journey.invalid_answer': 'Verificați răspunsul',
    'journey.save_and_check': 'Salvează și revino la verificare',
    'journey.declaration_heading': 'Trimiteți acum',
  },
  {
    'components.character_count.limit': 'You can enter up to {n} characters',
    'components.character_count.remaining': 'You have {n} characters remaining',
    'components.character_count.over': 'You have {n} characters too many',
    'components.pagination.page': 'page',
    'components.file_upload.too_large': 'The file “{name}” is {size}, and files can be at most {max}. Choose a smaller photo or make it smaller and try again.',
    'components.form.sending': 'Sending… do not close the page',
    'journey.invalid_answer': 'Check your answer',
    'journey.save_and_check': 'Save and return to check your answers',
    'journey.declaration_heading': 'Now send your answers',
  },
);
