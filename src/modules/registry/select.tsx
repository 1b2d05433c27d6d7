// The select lives with the other shared components now.
export { Select } from '../../platform/web/components.tsx';
