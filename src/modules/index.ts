import type { AppModule } from '../app.ts';
import { homeModule } from './home/pages.tsx';

/** Every area's module, in the order their routes are registered. */
export const modules: AppModule[] = [homeModule];
