/** Every top-level block type the dialect knows (besides `variable` and `locals`), with its lowerer. */
import type { BlockLowerer } from './context.js'
import { ACCESS_LOWERERS } from './access.js'
import { OBJECT_LOWERERS } from './objects.js'
import { ROUTINE_LOWERERS } from './routines.js'
import { TABLE_LOWERERS } from './table.js'
import { VIEW_LOWERERS } from './views.js'

export const LOWERERS: Readonly<Record<string, BlockLowerer>> = {
  ...OBJECT_LOWERERS,
  ...TABLE_LOWERERS,
  ...VIEW_LOWERERS,
  ...ROUTINE_LOWERERS,
  ...ACCESS_LOWERERS,
}
