//! The fonts shipped in `assets/fonts/` (Noto Sans, SIL Open Font
//! License): every Vietnamese letter, for the window and for PDF export.

pub const REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSans-Bold.ttf");
