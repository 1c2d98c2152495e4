//! The commands of the menus and keyboard: one enum that knows each
//! command's label, shortcut and tooltip, so menus and keys cannot drift.

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::T;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    SaveNow,
    NewNotebook,
    Export,
    Exchange,
    ToggleLanguage,
    /// Tìm kiếm (Ctrl+F).
    Search,
    /// The built-in typing: off, Telex, VNI, in turn.
    CycleTyping,
    /// Chữ to hơn (Ctrl+plus): the next text size.
    Bigger,
    /// Chữ nhỏ hơn (Ctrl+minus).
    Smaller,
    /// Cỡ chữ vừa (Ctrl+0).
    ResetSize,
    Quit,
}

impl Command {
    /// Checked in this order: Ctrl+Shift+Z before Ctrl+Z.
    pub const ALL: [Command; 13] = [
        Command::Redo,
        Command::Undo,
        Command::SaveNow,
        Command::NewNotebook,
        Command::Export,
        Command::Exchange,
        Command::ToggleLanguage,
        Command::Search,
        Command::CycleTyping,
        Command::Bigger,
        Command::Smaller,
        Command::ResetSize,
        Command::Quit,
    ];

    pub fn label(self) -> T {
        match self {
            Command::Undo => T::CmdUndo,
            Command::Redo => T::CmdRedo,
            Command::SaveNow => T::CmdSaveNow,
            Command::NewNotebook => T::CmdNewNotebook,
            Command::Export => T::CmdExport,
            Command::Exchange => T::CmdExchange,
            Command::ToggleLanguage => T::CmdLanguage,
            Command::Search => T::CmdSearch,
            Command::CycleTyping => T::CmdTyping,
            Command::Bigger => T::CmdBigger,
            Command::Smaller => T::CmdSmaller,
            Command::ResetSize => T::CmdResetSize,
            Command::Quit => T::CmdQuit,
        }
    }

    pub fn tooltip(self) -> T {
        match self {
            Command::Undo => T::CmdUndoTip,
            Command::Redo => T::CmdRedoTip,
            Command::SaveNow => T::CmdSaveNowTip,
            Command::NewNotebook => T::CmdNewNotebookTip,
            Command::Export => T::CmdExportTip,
            Command::Exchange => T::CmdExchangeTip,
            Command::ToggleLanguage => T::CmdLanguageTip,
            Command::Search => T::CmdSearchTip,
            Command::CycleTyping => T::CmdTypingTip,
            Command::Bigger => T::CmdBiggerTip,
            Command::Smaller => T::CmdSmallerTip,
            Command::ResetSize => T::CmdResetSizeTip,
            Command::Quit => T::CmdQuitTip,
        }
    }

    /// The shortcuts that run the command; the first is shown in menus.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const CTRL: Modifiers = Modifiers::COMMAND;
        const CTRL_SHIFT: Modifiers = Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        };
        const UNDO: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Z)];
        const REDO: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CTRL_SHIFT, Key::Z),
            KeyboardShortcut::new(CTRL, Key::Y),
        ];
        const SAVE: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::S)];
        const QUIT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Q)];
        const EXPORT: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::E)];
        const SEARCH: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::F)];
        const TYPING: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL_SHIFT, Key::G)];
        // "+" is Shift+"=" on most keyboards; Ctrl+"=" is taken as well, as
        // browsers do.
        const BIGGER: [KeyboardShortcut; 2] = [
            KeyboardShortcut::new(CTRL, Key::Plus),
            KeyboardShortcut::new(CTRL, Key::Equals),
        ];
        const SMALLER: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Minus)];
        const RESET: [KeyboardShortcut; 1] = [KeyboardShortcut::new(CTRL, Key::Num0)];
        match self {
            Command::Undo => &UNDO,
            Command::Redo => &REDO,
            Command::SaveNow => &SAVE,
            Command::Export => &EXPORT,
            Command::Search => &SEARCH,
            Command::CycleTyping => &TYPING,
            Command::Bigger => &BIGGER,
            Command::Smaller => &SMALLER,
            Command::ResetSize => &RESET,
            Command::NewNotebook | Command::Exchange | Command::ToggleLanguage => &[],
            Command::Quit => &QUIT,
        }
    }
}
