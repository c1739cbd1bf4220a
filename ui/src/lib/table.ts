// Column description for DataTable.
export interface Column {
  key: string;
  label: string;
  format?: "number" | "percent" | "date" | "year" | "text";
  /** CSS flex grow factor. */
  width?: string;
}
