//! Rotating backups: each save keeps the version it replaces under
//! `backups/<name>/`, and old backups are thinned out by a `BackupPolicy`.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use jiff::{Timestamp, tz::TimeZone};

use crate::model::BackupPolicy;

/// Name of a backup taken now: `YYYYMMDD-HHMMSS-mmm-NN.ron`.
fn fresh_name(dir: &Path, now: Timestamp) -> PathBuf {
    let t = now.to_zoned(TimeZone::UTC);
    let stem = format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}-{:03}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.subsec_nanosecond() / 1_000_000
    );
    // A fixed-width counter keeps several backups of one millisecond in
    // order: names sort in time order.
    let mut n = 0;
    let mut path = dir.join(format!("{stem}-{n:02}.ron"));
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stem}-{n:02}.ron"));
    }
    path
}

/// Keeps the current content of `file` as a new backup in `dir`, without
/// copying when the file system allows a hard link. Does nothing when the
/// file does not exist yet.
pub fn keep(file: &Path, dir: &Path) -> io::Result<Option<PathBuf>> {
    if !file.exists() {
        return Ok(None);
    }
    super::atomic::create_private_dirs(dir)?;
    let target = fresh_name(dir, Timestamp::now());
    if fs::hard_link(file, &target).is_err() {
        // FAT drives and some network shares have no hard links.
        fs::copy(file, &target)?;
        super::atomic::make_private(&target)?;
        fs::File::open(&target)?.sync_all()?;
    }
    Ok(Some(target))
}

/// Moves `file` into the backups instead of deleting it.
pub fn retire(file: &Path, dir: &Path) -> io::Result<()> {
    if !file.exists() {
        return Ok(());
    }
    super::atomic::create_private_dirs(dir)?;
    fs::rename(file, fresh_name(dir, Timestamp::now()))
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    files.sort();
    files.reverse();
    Ok(files)
}

/// When a backup was taken, read from its name (UTC); `None` for a name
/// this program did not give.
fn taken_at(path: &Path) -> Option<Timestamp> {
    let name = path.file_name()?.to_str()?;
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = name.get(from..from + len)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if name.get(8..9) != Some("-") {
        return None;
    }
    let (y, mo, d) = (digits(0, 4)?, digits(4, 2)?, digits(6, 2)?);
    let (h, mi, s) = (digits(9, 2)?, digits(11, 2)?, digits(13, 2)?);
    // The milliseconds, where the name has them.
    let ms = if name.get(15..16) == Some("-") {
        digits(16, 3).unwrap_or(0)
    } else {
        0
    };
    let date = jiff::civil::Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(mo).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()?;
    let time = jiff::civil::Time::new(
        i8::try_from(h).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(s).ok()?,
        i32::try_from(ms * 1_000_000).ok()?,
    )
    .ok()?;
    date.to_datetime(time)
        .to_zoned(TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// Deletes the backups the policy no longer keeps. Kept are: the newest
/// `keep_last`; every one of the last `keep_all_minutes`; the newest of
/// each hour of the last `keep_hourly_hours`; the newest of each day of
/// the last `keep_daily_days` (hours and days in UTC, as the names are).
/// A file whose name this program did not give is left alone. `now` is
/// the clock's time, given so that tests can fix it.
pub fn prune(dir: &Path, policy: BackupPolicy, now: Timestamp) -> io::Result<()> {
    for path in unkept(list(dir)?, policy, now) {
        fs::remove_file(&path)?;
    }
    Ok(())
}

/// The backups (newest first) the policy does not keep at `now`.
fn unkept(newest_first: Vec<PathBuf>, policy: BackupPolicy, now: Timestamp) -> Vec<PathBuf> {
    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;
    let all_for = i64::from(policy.keep_all_minutes) * 60_000;
    let hourly_for = i64::from(policy.keep_hourly_hours) * HOUR;
    let daily_for = i64::from(policy.keep_daily_days) * DAY;
    let (mut hours, mut days) = (BTreeSet::new(), BTreeSet::new());
    let mut unkept = Vec::new();
    for (i, path) in newest_first.into_iter().enumerate() {
        let Some(at) = taken_at(&path) else {
            continue;
        };
        // In milliseconds; a limit of 0 keeps nothing by age.
        let ms = at.as_millisecond();
        let age = now.as_millisecond() - ms;
        // Newest first: the first of an hour (or day) met beyond the
        // tier before is the one that stands for it.
        let keep = i < policy.keep_last
            || age < all_for
            || age < hourly_for && hours.insert(ms.div_euclid(HOUR))
            || age >= hourly_for && age < daily_for && days.insert(ms.div_euclid(DAY));
        if !keep {
            unkept.push(path);
        }
    }
    unkept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        list(dir)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    }

    /// A backup's name for a time `secs` seconds after a fixed start.
    fn name_at(start: Timestamp, secs: i64) -> String {
        let at = start + jiff::SignedDuration::from_secs(secs);
        fresh_name(Path::new(""), at).to_string_lossy().into_owned()
    }

    fn policy(keep_last: usize) -> BackupPolicy {
        BackupPolicy {
            keep_last,
            ..BackupPolicy::default()
        }
    }

    #[test]
    fn names_read_back_as_their_time() {
        let at: Timestamp = "2026-11-27T08:09:10.123Z".parse().unwrap();
        let name = fresh_name(Path::new(""), at);
        assert_eq!(taken_at(&name), Some(at));
        // Names of the first versions, without the counter, too.
        assert!(taken_at(Path::new("20261127-080910-123.ron")).is_some());
        for odd in [
            "notes.ron",
            "2026112-080910.ron",
            "20261332-080910-000.ron",
            "20261127x080910.ron",
        ] {
            assert_eq!(taken_at(Path::new(odd)), None, "{odd}");
        }
    }

    #[test]
    fn prune_keeps_recent_saves_then_hours_then_days() {
        let dir = tempfile::tempdir().unwrap();
        let now: Timestamp = "2026-11-27T12:00:00Z".parse().unwrap();
        // Ages in seconds before now: three saves inside the last five
        // minutes; two in one hour of the day; two on one older day; one
        // beyond 30 days.
        let ages = [
            10,
            60,
            290,
            400,
            2 * 3600 + 100,
            2 * 3600 + 200,
            3 * 86_400 + 100,
            3 * 86_400 + 200,
            31 * 86_400,
        ];
        for age in ages {
            fs::write(dir.path().join(name_at(now, -age)), "x").unwrap();
        }
        fs::write(dir.path().join("kept-by-hand.ron"), "x").unwrap();
        prune(dir.path(), policy(0), now).unwrap();
        let kept: Vec<String> = [10, 60, 290, 400, 2 * 3600 + 100, 3 * 86_400 + 100]
            .into_iter()
            .map(|age| name_at(now, -age))
            .chain(["kept-by-hand.ron".to_owned()])
            .collect();
        let mut expected = kept;
        expected.sort();
        expected.reverse();
        assert_eq!(names(dir.path()), expected);
    }

    #[test]
    fn the_newest_few_stay_whatever_their_age() {
        let dir = tempfile::tempdir().unwrap();
        let now: Timestamp = "2026-11-27T12:00:00Z".parse().unwrap();
        for n in 0..5 {
            // Five saves on one day two months ago.
            fs::write(dir.path().join(name_at(now, -60 * 86_400 + n)), "x").unwrap();
        }
        prune(dir.path(), policy(3), now).unwrap();
        assert_eq!(names(dir.path()).len(), 3);
    }

    /// A month of work under a fake clock: a save every 20 seconds during
    /// office hours, pruned after each as the store does.
    #[test]
    fn a_month_of_saves_leaves_versions_across_time() {
        let start: Timestamp = "2026-11-01T01:00:00Z".parse().unwrap();
        let mut backups: Vec<PathBuf> = Vec::new();
        let mut now = start;
        for day in 0..40i64 {
            for s in (0..8 * 3600).step_by(20) {
                now = start + jiff::SignedDuration::from_secs(day * 86_400 + s);
                backups.insert(0, PathBuf::from(name_at(now, 0)));
                let gone = unkept(backups.clone(), policy(0), now);
                backups.retain(|b| !gone.contains(b));
            }
        }
        let ages: Vec<i64> = backups
            .iter()
            .map(|b| now.as_second() - taken_at(b).unwrap().as_second())
            .collect();
        // Every save of the last five minutes: 16 at one each 20 s.
        assert_eq!(ages.iter().filter(|a| **a <= 300).count(), 16);
        // One an hour for the day before: office hours of today (8) and
        // yesterday's evening hours are within 24 h.
        let hourly = ages.iter().filter(|a| **a > 300 && **a <= 86_400).count();
        assert!((7..=9).contains(&hourly), "{hourly} hourly");
        // One a day for the rest of the 30 days (yesterday is in the
        // hours above), nothing older.
        let daily = ages.iter().filter(|a| **a > 86_400).count();
        assert_eq!(daily, 28);
        assert!(ages.iter().all(|a| *a <= 31 * 86_400));
        assert!(backups.len() < 60, "{} kept", backups.len());
    }

    #[test]
    fn keep_links_the_current_version() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ron");
        fs::write(&file, "old").unwrap();
        let kept = keep(&file, &dir.path().join("b")).unwrap().unwrap();
        fs::write(dir.path().join("new"), "new").unwrap();
        fs::rename(dir.path().join("new"), &file).unwrap();
        assert_eq!(fs::read_to_string(kept).unwrap(), "old");
    }
}
