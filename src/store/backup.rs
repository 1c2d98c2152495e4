//! Rotating backups: each save keeps the version it replaces under
//! `backups/<name>/`, and old backups are thinned out by a `BackupPolicy`.

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
    fs::create_dir_all(dir)?;
    let target = fresh_name(dir, Timestamp::now());
    if fs::hard_link(file, &target).is_err() {
        // FAT drives and some network shares have no hard links.
        fs::copy(file, &target)?;
        fs::File::open(&target)?.sync_all()?;
    }
    Ok(Some(target))
}

/// Moves `file` into the backups instead of deleting it.
pub fn retire(file: &Path, dir: &Path) -> io::Result<()> {
    if !file.exists() {
        return Ok(());
    }
    fs::create_dir_all(dir)?;
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

/// Deletes the backups the policy no longer keeps: beyond the newest
/// `keep_last`, only the newest of each day of the last `keep_daily_days`.
pub fn prune(dir: &Path, policy: BackupPolicy, now: Timestamp) -> io::Result<()> {
    let cutoff = now
        .to_zoned(TimeZone::UTC)
        .date()
        .checked_sub(jiff::Span::new().days(i64::from(policy.keep_daily_days)))
        .map(|d| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()))
        .unwrap_or_default();
    let mut last_day: Option<String> = None;
    for (i, path) in list(dir)?.into_iter().enumerate() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let day: String = name.chars().take(8).collect();
        let newest_of_day = last_day.as_deref() != Some(day.as_str());
        last_day = Some(day.clone());
        let keep = i < policy.keep_last || (newest_of_day && day > cutoff);
        if !keep {
            fs::remove_file(&path)?;
        }
    }
    Ok(())
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

    #[test]
    fn prune_keeps_recent_saves_and_one_per_day() {
        let dir = tempfile::tempdir().unwrap();
        // Three days, four saves each, oldest day beyond the daily window.
        for day in ["20261001", "20261120", "20261126"] {
            for n in 0..4 {
                fs::write(dir.path().join(format!("{day}-1200{n:02}-000.ron")), "x").unwrap();
            }
        }
        let policy = BackupPolicy {
            keep_last: 3,
            keep_daily_days: 30,
        };
        let now: Timestamp = "2026-11-27T12:00:00Z".parse().unwrap();
        prune(dir.path(), policy, now).unwrap();
        assert_eq!(
            names(dir.path()),
            [
                "20261126-120003-000.ron",
                "20261126-120002-000.ron",
                "20261126-120001-000.ron",
                "20261120-120003-000.ron",
            ]
        );
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
