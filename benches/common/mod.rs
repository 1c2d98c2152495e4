//! What the benchmarks share: timing the window's frames, and printing
//! figures the same way.
#![allow(dead_code)] // each bench uses a different part

use std::time::{Duration, Instant};

use eframe::egui;
use sophandau::ui::App;

/// Frames timed per case, after a few to warm up.
pub const FRAMES: usize = 300;
const WARM_UP: usize = 10;

/// Builds `FRAMES` frames of the window at 1280×800, 60 a second from
/// `time` on (which it moves forward), and returns how long each took.
pub fn frame_times(ctx: &egui::Context, app: &mut App, time: &mut f64) -> Vec<Duration> {
    let mut times = frames(ctx, app, time, FRAMES + WARM_UP);
    times.drain(..WARM_UP);
    times
}

/// Builds `count` frames, as `frame_times` does, without warming up.
pub fn frames(ctx: &egui::Context, app: &mut App, time: &mut f64, count: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(count);
    for _ in 0..count {
        *time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(*time),
            ..Default::default()
        };
        let t = Instant::now();
        let _ = ctx.run_ui(input, |ui| app.frame(ui));
        times.push(t.elapsed());
    }
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median and worst of a set of timings.
pub fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name:<34} median {:>8.3} ms   worst {:>8.3} ms   (n = {})",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        times.len()
    );
}

/// Median, 99th percentile and worst of a set of frame times.
pub fn frame_summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name:<34} median {:>6.3} ms   p99 {:>6.3} ms   worst {:>6.3} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 99 / 100]),
        ms(times[times.len() - 1])
    );
}
