import type { Id } from '../../api/types';
import type { ResponseJson } from '../../api/typed';

export type Grid = ResponseJson<'/api/v1/rosters'>;
export type GridShift = Grid['shiftTypes'][number];
export type GridRow = Grid['rows'][number];
export type Cell = NonNullable<GridRow['cells'][number]>;

/** What a brush or a picked cell sets: a shift type id, or REST (a rostered day off). */
export const REST = 'rest';
export type Value = Id | typeof REST;
export const keyOf = (employeeId: Id, date: string) => `${employeeId}|${date}`;

export const CELL_W = 44;
export const NAME_W = 150;
