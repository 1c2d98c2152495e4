//! Tables of words typed key by key in Telex and VNI, in several orders.
//! The keys are made from each word by a plain spelling-out (letters,
//! then mark keys, then the tone), independent of the engine.

use super::*;

/// Words of everyday and party Vietnamese, in today's tone placement.
const WORDS: &[&str] = &[
    "nghiêng",
    "người",
    "khuyển",
    "quốc",
    "giặt",
    "Đảng",
    "thuở",
    "hoà",
    "tiếng",
    "đường",
    "trường",
    "chính",
    "trị",
    "tư",
    "tưởng",
    "đạo",
    "đức",
    "phong",
    "cách",
    "Hồ",
    "Chí",
    "Minh",
    "tăng",
    "cường",
    "khối",
    "đại",
    "đoàn",
    "kết",
    "toàn",
    "dân",
    "tộc",
    "xây",
    "dựng",
    "và",
    "hệ",
    "thống",
    "trong",
    "sạch",
    "vững",
    "mạnh",
    "theo",
    "học",
    "tập",
    "làm",
    "gương",
    "mẫu",
    "cán",
    "bộ",
    "đảng",
    "viên",
    "chi",
    "bộ",
    "sinh",
    "hoạt",
    "nghị",
    "quyết",
    "thực",
    "hiện",
    "nhiệm",
    "vụ",
    "kiểm",
    "điểm",
    "đánh",
    "giá",
    "xếp",
    "loại",
    "hoàn",
    "thành",
    "xuất",
    "sắc",
    "tốt",
    "không",
    "khuyết",
    "hạn",
    "chế",
    "nguyên",
    "nhân",
    "biện",
    "pháp",
    "khắc",
    "phục",
    "phương",
    "hướng",
    "ý",
    "thức",
    "tổ",
    "chức",
    "kỷ",
    "luật",
    "tác",
    "lề",
    "lối",
    "việc",
    "nêu",
    "đăng",
    "ký",
    "cam",
    "kết",
    "tu",
    "dưỡng",
    "rèn",
    "luyện",
    "phấn",
    "đấu",
    "năm",
    "tháng",
    "quý",
    "ngày",
    "tuần",
    "sản",
    "phẩm",
    "cụ",
    "thể",
    "minh",
    "chứng",
    "kết",
    "quả",
    "tiến",
    "độ",
    "nhận",
    "xét",
    "góp",
    "ý",
    "chuyên",
    "đề",
    "uỷ",
    "ban",
    "nhân",
    "dân",
    "xã",
    "ấp",
    "huyện",
    "tỉnh",
    "Tây",
    "Ninh",
    "Việt",
    "Nam",
    "đoàn",
    "thể",
    "hội",
    "nông",
    "phụ",
    "nữ",
    "cựu",
    "chiến",
    "binh",
    "thanh",
    "niên",
    "gia",
    "đình",
    "văn",
    "hoá",
    "giữ",
    "gìn",
    "khoẻ",
    "mạnh",
    "thuỷ",
    "lợi",
    "ruộng",
    "lúa",
    "gạo",
    "nước",
    "sạch",
    "điện",
    "đèn",
    "cầu",
    "cống",
    "chợ",
    "búa",
    "liềm",
    "cờ",
    "đỏ",
    "sao",
    "vàng",
    "yêu",
    "nước",
    "thương",
    "dân",
    "khuya",
    "khuỷu",
    "ngoài",
    "xoáy",
    "ngoằn",
    "ngoèo",
    "hoặc",
    "xoắn",
    "quăng",
    "quyền",
    "quyển",
    "khuyên",
    "truyền",
    "thuyết",
    "tuyệt",
    "vời",
    "rượu",
    "bưởi",
    "cưỡi",
    "mượn",
    "hươu",
    "gửi",
    "ngửi",
    "cửa",
    "mưa",
    "lửa",
    "hữu",
    "nghĩa",
    "chữ",
    "nghĩ",
    "nghe",
    "ghế",
    "giường",
    "giếng",
    "giữa",
    "gì",
    "quý",
    "quê",
    "quà",
    "uống",
    "ước",
    "ông",
    "ăn",
    "ở",
    "ơn",
    "ừ",
    "yên",
    "ổn",
    "oai",
    "uy",
    "tín",
    "đồng",
    "chí",
    "bí",
    "thư",
    "phó",
    "lãnh",
    "đạo",
    "quản",
    "lý",
    "trách",
    "nhiệm",
    "thẳng",
    "thắn",
    "trung",
    "thực",
    "khiêm",
    "tốn",
    "giản",
    "dị",
    "đoàn",
    "kết",
    "tương",
    "trợ",
    "giúp",
    "đỡ",
    "lẫn",
    "nhau",
    "chăm",
    "lo",
    "đời",
    "sống",
    "mười",
    "triệu",
    "nghìn",
    "xoá",
    "đói",
    "giảm",
    "nghèo",
    "thuế",
    "khoá",
    "toả",
];

/// The 2020 theme, typed word by word.
pub const THEME_2020: &str = "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ \
    thống chính trị trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";

/// A letter of a word: its plain letter, its mark key, its tone key.
fn spell(c: char, telex: bool) -> (char, Option<char>, Option<char>) {
    let (letter, tone) = split(c).expect("a letter");
    let plain = if letter.upper {
        letter.base.to_ascii_uppercase()
    } else {
        letter.base
    };
    let mark = match (letter.mark, telex) {
        (Mark::None, _) => None,
        (Mark::Hat, true) => Some(letter.base),
        (Mark::Breve | Mark::Horn, true) => Some('w'),
        (Mark::Stroke, true) => Some('d'),
        (Mark::Hat, false) => Some('6'),
        (Mark::Horn, false) => Some('7'),
        (Mark::Breve, false) => Some('8'),
        (Mark::Stroke, false) => Some('9'),
    };
    let tone = match (tone, telex) {
        (Tone::None, _) => None,
        (Tone::Acute, true) => Some('s'),
        (Tone::Grave, true) => Some('f'),
        (Tone::Hook, true) => Some('r'),
        (Tone::Tilde, true) => Some('x'),
        (Tone::Dot, true) => Some('j'),
        (Tone::Acute, false) => Some('1'),
        (Tone::Grave, false) => Some('2'),
        (Tone::Hook, false) => Some('3'),
        (Tone::Tilde, false) => Some('4'),
        (Tone::Dot, false) => Some('5'),
    };
    (plain, mark, tone)
}

/// The orders keys can come in.
#[derive(Clone, Copy, Debug)]
enum Order {
    /// Each mark right after its letter, the tone last: "tieengs".
    MarkAfterLetter,
    /// The letters, then the marks, then the tone: "tiengse" with the
    /// tone first: "tiengs" + "e".
    ToneThenMarks,
    /// The tone right after the first vowel, the marks at the end.
    ToneEarly,
}

fn keys(word: &str, telex: bool, order: Order) -> String {
    let mut letters = String::new();
    let mut marks = String::new();
    let mut tone = None;
    let mut early = String::new();
    let mut after = String::new();
    let mut horned_u = false;
    for c in word.chars() {
        let (plain, mark, t) = spell(c, telex);
        letters.push(plain);
        after.push(plain);
        let vowel = "aeiouy".contains(plain.to_ascii_lowercase());
        if let Some(m) = mark {
            // Đ is always typed at once, as "dd" or "d9".
            let stroke = m == 'd' || m == '9';
            // One "w" (or 7) horns both letters of "ươ".
            let pair = horned_u && plain.eq_ignore_ascii_case(&'o') && (m == 'w' || m == '7');
            if stroke {
                letters.push(m);
            } else if !pair {
                marks.push(m);
            }
            after.push(m);
            horned_u = plain.eq_ignore_ascii_case(&'u') && (m == 'w' || m == '7');
        } else {
            horned_u = false;
        }
        if t.is_some() {
            tone = t;
        }
        if vowel && early.is_empty() {
            early = letters.clone();
        }
    }
    let tone: String = tone.into_iter().collect();
    match order {
        Order::MarkAfterLetter => after + &tone,
        Order::ToneThenMarks => letters + &tone + &marks,
        Order::ToneEarly => {
            let rest = &letters[early.len()..];
            early + &tone + rest + &marks
        }
    }
}

fn telex(keys: &str) -> String {
    render(keys, TypingMode::Telex, ToneRule::Modern)
}

fn vni(keys: &str) -> String {
    render(keys, TypingMode::Vni, ToneRule::Modern)
}

#[test]
fn the_tables_hold_enough_words() {
    let distinct: std::collections::BTreeSet<_> = WORDS.iter().collect();
    assert!(distinct.len() >= 200, "{}", distinct.len());
}

#[test]
fn every_word_types_in_telex_in_every_order() {
    let mut failed = Vec::new();
    for word in WORDS {
        for order in [
            Order::MarkAfterLetter,
            Order::ToneThenMarks,
            Order::ToneEarly,
        ] {
            let k = keys(word, true, order);
            let got = telex(&k);
            if got != *word {
                failed.push(format!("{order:?} {k} → {got}, not {word}"));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn every_word_types_in_vni_in_every_order() {
    let mut failed = Vec::new();
    for word in WORDS {
        for order in [
            Order::MarkAfterLetter,
            Order::ToneThenMarks,
            Order::ToneEarly,
        ] {
            let k = keys(word, false, order);
            let got = vni(&k);
            if got != *word {
                failed.push(format!("{order:?} {k} → {got}, not {word}"));
            }
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn capitals_type_with_capital_keys() {
    for word in WORDS {
        let upper = word.to_uppercase();
        let k = keys(&upper, true, Order::MarkAfterLetter).to_uppercase();
        assert_eq!(telex(&k), upper, "{k}");
        let k = keys(&upper, false, Order::MarkAfterLetter);
        assert_eq!(vni(&k), upper, "{k}");
    }
}

#[test]
fn the_issues_examples() {
    for (keys, word) in [
        ("tieengs", "tiếng"),
        ("tiengse", "tiếng"),
        ("aa", "â"),
        ("aaa", "aa"),
        ("ass", "as"),
        ("dd", "đ"),
        ("ddd", "dd"),
        ("w", "ư"),
        ("ww", "w"),
        ("tw", "tư"),
        ("nghieengs", "nghiêng".replace("ê", "ế").as_str()),
        ("nguwowif", "người"),
        ("nguoiwf", "người"),
        ("khuyeenr", "khuyển"),
        ("quoocs", "quốc"),
        ("giawtj", "giặt"),
        ("DDangr", "Đảng"),
        ("DDANGR", "ĐẢNG"),
        ("thuowr", "thuở"),
        ("hoaf", "hoà"),
        ("uyr", "uỷ"),
        ("aw", "ă"),
        ("aww", "aw"),
        ("ow", "ơ"),
        ("uow", "ươ".replace("ư", "u").as_str()),
        ("uowng", "ương"),
        ("asz", "a"),
    ] {
        assert_eq!(telex(keys), word, "telex {keys}");
    }
    for (keys, word) in [
        ("tie61ng", "tiếng"),
        ("tieng16", "tiếng"),
        ("a6", "â"),
        ("a66", "a6"),
        ("a11", "a1"),
        ("d9", "đ"),
        ("d99", "d9"),
        ("nguoi72", "người"),
        ("khuye6n3", "khuyển"),
        ("quo6c1", "quốc"),
        ("gia8t5", "giặt"),
        ("Da9ng3", "Đảng"),
        ("thuo73", "thuở"),
        ("hoa2", "hoà"),
        ("a10", "a"),
    ] {
        assert_eq!(vni(keys), word, "vni {keys}");
    }
}

#[test]
fn the_old_rule_puts_the_tone_on_the_first_vowel() {
    for (modern, old) in [
        ("hoà", "hòa"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("uỷ", "ủy"),
        ("Uỷ", "Ủy"),
        ("hoá", "hóa"),
        ("toả", "tỏa"),
        ("xoá", "xóa"),
        ("loà", "lòa"),
        ("quý", "quý"),
        ("hoàng", "hoàng"),
        ("khuỷu", "khuỷu"),
        ("ngoài", "ngoài"),
    ] {
        for telex_keys in [true, false] {
            let k = keys(modern, telex_keys, Order::MarkAfterLetter);
            let method = if telex_keys {
                TypingMode::Telex
            } else {
                TypingMode::Vni
            };
            assert_eq!(render(&k, method, ToneRule::Modern), modern, "{k}");
            assert_eq!(render(&k, method, ToneRule::Old), old, "{k}");
        }
    }
}

#[test]
fn words_that_cannot_be_vietnamese_stay_as_typed() {
    for word in [
        "window", "hello", "next", "google", "example", "http", "2020", "Word", "Excel", "email",
        "iphone", "facebook", "zalo", "covid",
    ] {
        assert_eq!(telex(word), word, "telex {word}");
    }
    for word in ["2020", "h2o", "100", "web", "hello", "3g"] {
        assert_eq!(vni(word), word, "vni {word}");
    }
}

#[test]
fn composed_letters_go_on_taking_marks_and_tones() {
    assert_eq!(telex("tiêngs"), "tiếng");
    assert_eq!(telex("tiếng"), "tiếng");
    assert_eq!(telex("tiến") + "g", "tiếng");
    assert_eq!(telex("hoàs"), "hoá");
}

/// Types keys through a composer, applying its changes to a text.
fn through(composer: &mut Composer, keys: &str) -> String {
    let mut text = String::new();
    for c in keys.chars() {
        let change = composer.type_char(c);
        for _ in 0..change.delete {
            text.pop();
        }
        text.push_str(&change.insert);
    }
    text
}

#[test]
fn the_composer_types_the_2020_theme() {
    let mut telex = Composer::new(TypingMode::Telex, ToneRule::Modern);
    let mut vni = Composer::new(TypingMode::Vni, ToneRule::Modern);
    let words: Vec<&str> = THEME_2020.split(' ').collect();
    let spelled = |telex: bool| {
        words
            .iter()
            .map(|w| {
                let bare = w.trim_end_matches(',');
                keys(bare, telex, Order::MarkAfterLetter) + &w[bare.len()..]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(through(&mut telex, &spelled(true)), THEME_2020);
    assert_eq!(through(&mut vni, &spelled(false)), THEME_2020);
}

#[test]
fn the_composer_leaves_addresses_and_numbers_alone() {
    let mut c = Composer::new(TypingMode::Telex, ToneRule::Modern);
    assert_eq!(
        through(&mut c, "xem https://dangcongsan.vn/tin-tuc nhes"),
        "xem https://dangcongsan.vn/tin-tuc nhé"
    );
    let mut v = Composer::new(TypingMode::Vni, ToneRule::Modern);
    assert_eq!(
        through(&mut v, "na8m 2020 co1 12 tha1ng"),
        "năm 2020 có 12 tháng"
    );
    let mut off = Composer::new(TypingMode::Off, ToneRule::Modern);
    assert_eq!(through(&mut off, "tieengs Vieetj"), "tieengs Vieetj");
}

#[test]
fn backspace_keeps_the_word_going() {
    let mut c = Composer::new(TypingMode::Telex, ToneRule::Modern);
    let mut text = through(&mut c, "tieesn");
    assert_eq!(text, "tiến");
    text.pop();
    c.backspace();
    text.push_str(&through(&mut c, "ng"));
    assert_eq!(text, "tiếng");
}

#[test]
fn nothing_panics_on_odd_keys() {
    let odd = [
        "", "ðß", "ǅ", "İ", "wwwwww", "aaaaaa", "ssss", "d9d9", "ươươ", "ʷ", "ậ", "\u{301}",
    ];
    for keys in odd {
        for method in [TypingMode::Telex, TypingMode::Vni, TypingMode::Off] {
            for rule in [ToneRule::Modern, ToneRule::Old] {
                let _ = render(keys, method, rule);
                let mut c = Composer::new(method, rule);
                let _ = through(&mut c, keys);
            }
        }
    }
}
