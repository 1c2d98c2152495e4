//! What the user asked for while a frame was drawn.
//!
//! A view never changes the notebooks, the settings, the session or where
//! the window stands while it draws: it pushes an `Intent`. The window
//! carries the frame's intents out once, at the end of the frame, after
//! writing every draft, so that moving away never loses what was typed.

use super::Screen;
use super::command::Command;
use super::export::Order;
use crate::model::{MemberId, Profile, Settings, Theme, Year};
use crate::workspace::Action;

pub enum Intent {
    /// Change the notebooks.
    Apply(Action),
    /// Delete something; once done, the status line says how to undo it.
    Remove(Action),
    /// A command of the menus or the keyboard.
    Run(Command),
    /// Show another member's notebook.
    ShowMember(MemberId),
    /// Show another year of the member's notebook.
    ShowYear(Year),
    ShowScreen(Screen),
    /// Change the settings (language, text size, appearance, export
    /// defaults) to these.
    ChangeSettings(Box<Settings>),
    /// Keep a theme of the user's own, and use it for the shown year.
    SaveTheme(Box<Theme>),
    /// Start a notebook for a new member, and show it.
    CreateNotebook(Box<Profile>),
    OpenDemo,
    LeaveDemo,
    /// A screen asked to open, close or replace its editor; the switch
    /// happens once the drafts are written.
    SwitchEditor,
    /// The export dialog's order to start.
    StartExport(Box<Order>),
    CloseExport,
    /// What the exchange window asked for.
    Exchange(super::exchange::Request),
    /// The user has read the problems found while opening.
    DismissProblems,
    /// Go to a record found by a search, and show it selected.
    Reveal(Box<super::search::Reveal>),
    CloseSearch,
    /// Remove a damaged file set aside, whose notebook opened from a
    /// backup.
    RemoveSetAside(std::path::PathBuf),
}
