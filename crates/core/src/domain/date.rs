//! Partial dates: articles often give only the month and year, or the year alone.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("Ngày không hợp lệ: \"{0}\". Hãy nhập theo dạng dd/mm/yyyy (hoặc mm/yyyy, yyyy).")]
    Format(String),
    #[error("Tháng {month}/{year} không có ngày {day}.")]
    NoSuchDay { day: u32, month: u32, year: i32 },
    #[error("Tháng phải từ 1 đến 12 (nhận được {0}).")]
    Month(u32),
    #[error("Năm {year} nằm ngoài khoảng cho phép ({FIRST_YEAR}–{last}).", last = last_year())]
    Year { year: i32 },
}

/// The first year a record may refer to: the Party's founding.
pub const FIRST_YEAR: i32 = 1930;

/// The last year a record may refer to: a few years ahead (next year's pledge, a target).
pub fn last_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year() + 5
}

/// Whether `year` is within the years records may refer to.
pub fn year_in_range(year: i32) -> bool {
    (FIRST_YEAR..=last_year()).contains(&year)
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn full(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        let d = PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        };
        d.check()?;
        Ok(d)
    }

    /// Checks the month and the day exist.
    pub fn check(&self) -> Result<(), DateError> {
        if !year_in_range(self.year) {
            return Err(DateError::Year { year: self.year });
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
            if let Some(d) = self.day {
                if chrono::NaiveDate::from_ymd_opt(self.year, m, d).is_none() {
                    return Err(DateError::NoSuchDay {
                        day: d,
                        month: m,
                        year: self.year,
                    });
                }
            }
        } else if self.day.is_some() {
            return Err(DateError::Format(format!("{:?}", self)));
        }
        Ok(())
    }

    /// Parses "08/12/2023", "8/12/2023", "12/2023", "2023" and ISO "2023-12-08".
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let t = text.trim();
        let bad = || DateError::Format(t.to_string());
        if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            use chrono::Datelike;
            return PartialDate::full(d.year(), d.month(), d.day());
        }
        let parts: Vec<&str> = t.split(['/', '.', '-']).map(str::trim).collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let n: Vec<u32> = parts
            .iter()
            .map(|p| p.parse().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        if parts.last().map(|p| p.len()) != Some(4) {
            return Err(bad());
        }
        let d = match n.as_slice() {
            [y] => PartialDate::year(*y as i32),
            [m, y] => PartialDate {
                year: *y as i32,
                month: Some(*m),
                day: None,
            },
            [d, m, y] => PartialDate {
                year: *y as i32,
                month: Some(*m),
                day: Some(*d),
            },
            _ => return Err(bad()),
        };
        d.check()?;
        Ok(d)
    }

    /// The ISO date when complete.
    pub fn to_iso(&self) -> Option<String> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Some(format!("{:04}-{:02}-{:02}", self.year, m, d)),
            _ => None,
        }
    }
}

impl std::fmt::Display for PartialDate {
    /// dd/mm/yyyy, mm/yyyy or yyyy.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d:02}/{m:02}/{}", self.year),
            (Some(m), None) => write!(f, "{m:02}/{}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

/// ISO "2023-12-08" → "08/12/2023"; anything else is returned as it is.
pub fn iso_to_vn(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%d/%m/%Y").to_string(),
        // A date known to the month: "2023-07" → "07/2023".
        Err(_) => match iso.split_once('-') {
            Some((y, m))
                if y.len() == 4 && m.len() == 2 && m.chars().all(|c| c.is_ascii_digit()) =>
            {
                format!("{m}/{y}")
            }
            _ => iso.to_string(),
        },
    }
}

/// Accepts dd/mm/yyyy or ISO and returns ISO, for full dates stored as text.
pub fn parse_full_date(text: &str) -> Result<String, DateError> {
    let d = PartialDate::parse(text)?;
    d.to_iso()
        .ok_or_else(|| DateError::Format(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let cases = [
            ("08/12/2023", "08/12/2023"),
            ("8/12/2023", "08/12/2023"),
            ("2023-12-08", "08/12/2023"),
            ("7/2023", "07/2023"),
            ("2017", "2017"),
        ];
        for (input, shown) in cases {
            assert_eq!(PartialDate::parse(input).unwrap().to_string(), shown);
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "31/02/2023",
            "29/02/2023",
            "1/13/2023",
            "hôm nay",
            "1/1/23",
            "",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad}");
        }
        assert!(PartialDate::parse("29/02/2024").is_ok());
    }

    #[test]
    fn iso_conversion() {
        assert_eq!(iso_to_vn("2023-01-06"), "06/01/2023");
        assert_eq!(iso_to_vn("2023-07"), "07/2023");
        assert_eq!(parse_full_date("06/01/2023").unwrap(), "2023-01-06");
        assert!(parse_full_date("01/2023").is_err());
    }
}
