//! Settings of the database, as JSON values by key.

use rusqlite::{params, OptionalExtension};

use super::{Result, Store};

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.writable()?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

impl Store {
    /// The narrative JSON kept for a report (by year and scope key).
    pub fn report_text(&self, year: i32, scope: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT narrative FROM report_texts WHERE year = ?1 AND scope = ?2",
                params![year, scope],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_report_text(&mut self, year: i32, scope: &str, narrative: &str) -> Result<()> {
        self.writable()?;
        self.conn.execute(
            "INSERT INTO report_texts (year, scope, narrative, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (year, scope) DO UPDATE SET narrative = excluded.narrative,
                updated_at = excluded.updated_at",
            params![year, scope, narrative, super::write::now_stamp()],
        )?;
        Ok(())
    }
}
