import { defineMessages } from '../i18n/i18n.ts';

/** The fixed words of the components and of the journey helper (registered by the pages module). */
export const webMessages = defineMessages(
  {
    'components.character_count.limit': 'Numărul maxim de caractere: {n}',
    'components.character_count.remaining': 'Caractere rămase: {n}',
    'components.character_count.over': 'Caractere peste limită: {n}',
    'components.pagination.page': 'pagina',
    'journey.invalid_answer': 'Verificați răspunsul',
    'journey.save_and_check': 'Salvează și revino la verificare',
    'journey.declaration_heading': 'Trimiteți acum',
  },
  {
    'components.character_count.limit': 'You can enter up to {n} characters',
    'components.character_count.remaining': 'You have {n} characters remaining',
    'components.character_count.over': 'You have {n} characters too many',
    'components.pagination.page': 'page',
    'journey.invalid_answer': 'Check your answer',
    'journey.save_and_check': 'Save and return to check your answers',
    'journey.declaration_heading': 'Now send your answers',
  },
);
