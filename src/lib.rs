//! Sổ phấn đấu: a party member's yearly notebooks, and the cell's review of
//! them. The layers, from the bottom up: `model` (plain data), `workspace`
//! (the data in memory and the actions that change it), `store` (the files
//! on disk), `demo` (generated notebooks), `ui` (the window). Every string
//! a user reads comes from one table, `i18n`.

pub mod demo;
pub mod exchange;
pub mod export;
pub mod fonts;
pub mod i18n;
pub mod model;
pub mod review;
pub mod search;
pub mod store;
pub mod text;
pub mod themes;
pub mod typing;
pub mod ui;
pub mod workspace;
