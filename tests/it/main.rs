//! The integration tests, as one binary: each module is one behaviour of
//! the program seen from outside (actions, the command line, exports, the
//! golden samples, loading, the store, the window). One binary links the
//! program once, which keeps a clean build short.

#[path = "../common/mod.rs"]
mod common;

mod actions;
mod background;
mod cellfiles;
mod cli;
mod crypt;
mod exchange;
mod export;
mod faults;
mod golden;
mod hostile;
mod load;
mod meeting;
mod midsave;
mod network;
mod oversized;
mod papers;
mod permissions;
mod replace;
mod shared;
mod store;
mod ui;
