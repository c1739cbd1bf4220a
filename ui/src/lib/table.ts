// Column description for DataTable: `key` is a field of the generated row type, so a column the
// list does not have fails the UI's type check.
export interface Column<T> {
  key: keyof T & string;
  label: string;
  format?: "number" | "percent" | "date" | "year" | "text";
  /** CSS flex grow factor. */
  width?: string;
}
