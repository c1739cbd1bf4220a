// The UI's only door to the data: typed wrappers over the app's Tauri commands.
// Types come from Rust (ts-rs, in ./bindings); nothing here touches SQL.
import { invoke } from "@tauri-apps/api/core";
import type { DbInfo } from "./bindings/DbInfo";
import type { UserError } from "./bindings/UserError";

/** Every command error arrives as {code, message}; anything else becomes a generic message. */
export function toUserError(e: unknown): UserError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const o = e as Record<string, unknown>;
    return {
      code: String(o.code),
      message: String(o.message),
      field: typeof o.field === "string" ? o.field : null,
    };
  }
  return { code: "unknown", message: "Đã xảy ra lỗi không xác định. Dữ liệu đã lưu không bị ảnh hưởng.", field: null };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toUserError(e);
  }
}

export const api = {
  dbInfo: () => call<DbInfo>("db_info"),
};
