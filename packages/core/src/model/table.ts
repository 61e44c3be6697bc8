import type * as aq from "arquero";

/** The table koe's functions take and return: an arquero ColumnTable. */
export type Table = aq.ColumnTable;
