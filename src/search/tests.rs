//! The index against a brute-force scan of the same notebooks, and kept
//! in step with actions.

use std::collections::BTreeMap;

use super::*;
use crate::demo::{self, DemoCell, DemoSpec};
use crate::model::{Area, Commitment, Meeting, Notebook, Year};
use crate::workspace::WorkspaceData;

/// A record as the brute-force scan reads it: every word of it, and
/// where it is.
struct Scanned {
    member: Option<crate::model::MemberId>,
    year: crate::model::Year,
    target: Target,
    area: Option<Area>,
    words: Vec<Word>,
}

/// Every record of the cell's meetings and the notebooks, in the order
/// the index lists hits.
fn scan(meetings: &BTreeMap<Year, Meeting>, notebooks: &[Notebook]) -> Vec<Scanned> {
    let mut sorted: Vec<&Notebook> = notebooks.iter().collect();
    sorted.sort_by_cached_key(|n| (crate::text::name_sort_key(&n.profile.full_name), n.id));
    let scanned = |member, year: &Year, record: Record| Scanned {
        member,
        year: *year,
        words: record
            .fields
            .iter()
            .flat_map(|f| fold::words(f).map(|(_, w)| Word::new(w)))
            .collect(),
        target: record.target,
        area: record.area,
    };
    let mut out = Vec::new();
    for (year, meeting) in meetings.iter().rev() {
        out.extend(meeting_record(meeting).map(|r| scanned(None, year, r)));
    }
    for nb in sorted {
        for (year, book) in nb.years.iter().rev() {
            for record in records(book) {
                out.push(scanned(Some(nb.id), year, record));
            }
        }
    }
    out
}

/// Every record matching `query`, found by reading every word of every
/// record.
fn brute_force(scanned: &[Scanned], query: &str, filter: &Filter) -> Vec<Hit> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let (mut exact, mut folded) = (Vec::new(), Vec::new());
    for r in scanned {
        let all = words
            .iter()
            .all(|q| r.words.iter().any(|w| w.folded.starts_with(&q.folded)));
        if !all
            || filter.member.is_some_and(|m| Some(m) != r.member)
            || filter.year.is_some_and(|y| y != r.year)
            || filter.kind.is_some_and(|k| k != r.target.kind())
            || filter.area.is_some_and(|a| Some(a) != r.area)
        {
            continue;
        }
        let spelled = words
            .iter()
            .all(|q| r.words.iter().any(|w| w.exact.starts_with(&q.exact)));
        let hit = Hit {
            member: r.member,
            year: r.year,
            target: r.target.clone(),
            area: r.area,
            exact: spelled,
        };
        if spelled {
            exact.push(hit);
        } else {
            folded.push(hit);
        }
    }
    exact.extend(folded);
    exact
}

/// SplitMix64, for repeatable queries.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// A query a user might type: one to four words (fewer more often) of the notebooks, some
/// cut short, some without marks, some in capitals, now and then a word
/// found nowhere.
fn random_query(rng: &mut Rng, vocabulary: &[String]) -> String {
    let n = 1 + rng.below(4).min(rng.below(4));
    let mut words = Vec::new();
    for _ in 0..n {
        let mut w = vocabulary[rng.below(vocabulary.len())].clone();
        match rng.below(6) {
            0 => w = fold(&w),
            1 => w = w.to_uppercase(),
            2 => {
                let keep = 1 + rng.below(w.chars().count());
                w = w.chars().take(keep).collect();
            }
            3 if rng.below(4) == 0 => w = "zzqx".to_owned(),
            _ => {}
        }
        words.push(w);
    }
    words.join(if rng.below(3) == 0 { ", " } else { " " })
}

fn demo_cell() -> DemoCell {
    demo::generate(DemoSpec {
        members: 6,
        years: 2,
        first_year: 2023,
        seed: 7,
    })
}

fn cell() -> Vec<Notebook> {
    demo_cell().notebooks
}

#[test]
fn the_index_finds_what_a_full_scan_finds() {
    let DemoCell {
        notebooks,
        meetings,
        ..
    } = demo_cell();
    assert!(!meetings.is_empty());
    let scanned = scan(&meetings, &notebooks);
    let mut index = Index::build(notebooks.iter().map(|n| (n, 0)));
    index.set_meetings(&meetings, 0);
    let mut vocabulary: Vec<String> = Vec::new();
    for r in &scanned {
        vocabulary.extend(r.words.iter().map(|w| w.exact.clone()));
    }
    vocabulary.sort();
    vocabulary.dedup();
    assert!(vocabulary.len() > 200, "{}", vocabulary.len());
    let mut rng = Rng(11);
    let mut found_any = 0;
    for i in 0..400 {
        let query = random_query(&mut rng, &vocabulary);
        let filter = match i % 5 {
            0 => Filter {
                member: Some(notebooks[rng.below(notebooks.len())].id),
                ..Filter::default()
            },
            3 => Filter {
                year: Some(2023 + rng.below(2) as i16),
                ..Filter::default()
            },
            1 => Filter {
                year: Some(2023 + rng.below(2) as i16),
                kind: Some(Kind::ALL[rng.below(Kind::ALL.len())]),
                ..Filter::default()
            },
            2 => Filter {
                area: Some(Area::ALL[rng.below(Area::ALL.len())]),
                ..Filter::default()
            },
            _ => Filter::default(),
        };
        let want = brute_force(&scanned, &query, &filter);
        let got = index.search(&query, &filter, usize::MAX);
        assert_eq!(got.total, want.len(), "{query:?} {filter:?}");
        assert_eq!(got.hits, want, "{query:?} {filter:?}");
        let limited = index.search(&query, &filter, 5);
        assert_eq!(limited.hits, want[..want.len().min(5)], "{query:?}");
        found_any += usize::from(!want.is_empty());
    }
    assert!(found_any > 150, "{found_any}");
}

/// One- and two-letter prefixes begin much of the vocabulary: the index
/// answers them from sets made per prefix. Every such prefix of the
/// notebooks, as spelled and folded, alone and as the last word typed
/// after another, finds what the full scan finds.
#[test]
fn short_prefixes_find_what_a_full_scan_finds() {
    let DemoCell {
        notebooks,
        meetings,
        ..
    } = demo_cell();
    let scanned = scan(&meetings, &notebooks);
    let mut index = Index::build(notebooks.iter().map(|n| (n, 0)));
    index.set_meetings(&meetings, 0);
    let (folded_sets, exact_sets) = index.prefix_sets();
    assert!(
        folded_sets > 50 && exact_sets > 50,
        "{folded_sets} {exact_sets}"
    );
    let mut prefixes: Vec<String> = Vec::new();
    for r in &scanned {
        for w in &r.words {
            for form in [&w.exact, &w.folded] {
                prefixes.extend((1..=2).map(|n| form.chars().take(n).collect::<String>()));
            }
        }
    }
    prefixes.sort();
    prefixes.dedup();
    // The marked letters on their own, as a user might start a word.
    assert!(
        ["đ", "ư", "th", "tr", "ng", "ch"]
            .iter()
            .all(|p| prefixes.iter().any(|q| q == p))
    );
    let mut rng = Rng(23);
    let mut checked = 0;
    for prefix in &prefixes {
        let before = &scanned[rng.below(scanned.len())].words;
        let word = &before[rng
            .below(before.len().max(1))
            .min(before.len().saturating_sub(1))];
        let typed_after = format!("{} {prefix}", word.exact);
        for query in [prefix.clone(), prefix.to_uppercase(), typed_after] {
            for filter in [
                Filter::default(),
                Filter {
                    kind: Some(Kind::ALL[rng.below(Kind::ALL.len())]),
                    ..Filter::default()
                },
            ] {
                let want = brute_force(&scanned, &query, &filter);
                let got = index.search(&query, &filter, 20);
                assert_eq!(got.total, want.len(), "{query:?} {filter:?}");
                assert_eq!(got.hits, want[..want.len().min(20)], "{query:?} {filter:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked}");
}

/// Words longer than the eight bytes the index compares first (names,
/// foreign words, long marked syllables) are told apart by their whole
/// form.
#[test]
fn long_words_sharing_their_first_bytes_are_told_apart() {
    let mut notebooks = cell();
    let texts = [
        "Học Internationalisation và internationale",
        "Trang internetworking, INTERNATIONAL",
        "Người trưởng thôn, trường học, trưởngthành",
        "Dự án abcdefgh và abcdefgh1, abcdefghij",
    ];
    let book = notebooks[0].years.values_mut().next().unwrap();
    for (i, text) in texts.iter().enumerate() {
        book.entries.push(crate::model::Entry {
            id: uuid::Uuid::from_u128(i as u128 + 1),
            date: jiff::civil::date(2023, 1, 1),
            kind: crate::model::EntryKind::Practice,
            title: Default::default(),
            text: (*text).into(),
            commitments: Vec::new(),
            revision: 0,
        });
    }
    let scanned = scan(&BTreeMap::new(), &notebooks);
    let index = Index::build(notebooks.iter().map(|n| (n, 0)));
    let mut found = 0;
    for query in [
        "internationalisation",
        "internationali",
        "internationalz",
        "INTERNATIONAL",
        "internet",
        "internetw",
        "trưởngt",
        "truongthanh",
        "trưởng",
        "truong",
        "abcdefgh",
        "abcdefghi",
        "abcdefgh1",
        "abcdefghz",
        "abcdefghij hoc",
    ] {
        let want = brute_force(&scanned, query, &Filter::default());
        let got = index.search(query, &Filter::default(), usize::MAX);
        assert_eq!(got.hits, want, "{query:?}");
        found += usize::from(!want.is_empty());
    }
    assert!(found >= 12, "{found}");
}

#[test]
fn folded_queries_find_marked_text_and_exact_spelling_ranks_first() {
    let notebooks = cell();
    let member = notebooks[0].id;
    let mut data = WorkspaceData::default();
    for nb in notebooks {
        data.notebooks.insert(nb.id, std::sync::Arc::new(nb));
    }
    let mut ws = Workspace::new(data);
    let year = *ws.notebook(member).unwrap().years.keys().next().unwrap();
    let add = |content: &str| Action::AddCommitment {
        member,
        year,
        commitment: Commitment {
            id: uuid::Uuid::new_v4(),
            area: Area::PoliticalIdeology,
            content: content.into(),
            measures: Default::default(),
            product: Default::default(),
            deadline: None,
            order: 0,
            revision: 0,
        },
    };
    let mut index = Index::build(ws.notebooks().map(|n| (n, ws.change_count(n.id))));
    for content in [
        "Họp Uỷ ban xã",
        "Báo cáo Ủy ban huyện",
        "ĐẢNG VIÊN GƯƠNG MẪU",
    ] {
        let action = add(content);
        ws.apply(action.clone()).unwrap();
        index.applied(&action, &ws);
    }
    assert!(index.is_current(&ws));
    let only_commitments = Filter {
        kind: Some(Kind::Commitment),
        member: Some(member),
        ..Filter::default()
    };
    let found = index.search("uy ban", &only_commitments, 50);
    assert_eq!(found.total, 2);
    let found = index.search("Ủy ban", &only_commitments, 50);
    assert_eq!(found.total, 2);
    assert!(found.hits[0].exact && !found.hits[1].exact);
    let book = &ws.notebook(member).unwrap().years[&year];
    let first = fields(book, &found.hits[0].target).unwrap();
    assert_eq!(first[0], "Báo cáo Ủy ban huyện");
    assert!(index.search("dang vien guong", &only_commitments, 5).total >= 1);
    // Undo, seen by the change counters alone.
    ws.undo();
    index.sync(&ws);
    assert!(index.is_current(&ws));
    assert_eq!(
        index
            .search("dang vien guong mau", &only_commitments, 5)
            .total,
        0
    );
    let fresh = Index::build(ws.notebooks().map(|n| (n, 0)));
    for q in ["uy", "tu duong", "hoc tap", "ban"] {
        let all = Filter::default();
        assert_eq!(
            index.search(q, &all, 100),
            fresh.search(q, &all, 100),
            "{q}"
        );
    }
}

#[test]
fn the_live_index_is_built_off_the_ui_thread_and_follows_the_workspace() {
    let mut data = WorkspaceData::default();
    for nb in cell() {
        data.notebooks.insert(nb.id, std::sync::Arc::new(nb));
    }
    let mut ws = Workspace::new(data);
    let mut live = Live::start(&ws);
    let gone = ws.notebooks().next().unwrap().id;
    ws.apply(Action::RemoveNotebook { member: gone }).unwrap();
    let index = loop {
        if let Some(index) = live.get(&ws) {
            break index;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    assert!(index.is_current(&ws));
    let filter = Filter {
        member: Some(gone),
        ..Filter::default()
    };
    assert_eq!(index.search("a", &filter, 10).total, 0);
    assert!(index.search("a", &Filter::default(), 10).total > 0);
}

#[test]
fn empty_and_odd_queries_find_nothing_and_do_not_panic() {
    let notebooks = cell();
    let index = Index::build(notebooks.iter().map(|n| (n, 0)));
    for q in [
        "",
        "   ",
        ",.;",
        "\u{301}",
        "ǅ",
        "İ",
        "𝔘",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzz",
    ] {
        let found = index.search(q, &Filter::default(), 10);
        assert!(found.total == 0 || !found.hits.is_empty(), "{q:?}");
    }
    let many = "a ".repeat(100);
    let _ = index.search(&many, &Filter::default(), 10);
}

#[test]
fn snippets_start_near_the_match_and_mark_it() {
    let q = query_words("dang");
    let text = "Một hai ba bốn năm sáu bảy tám chín mười, rồi Đảng viên gương mẫu";
    let s = snippet(&["", text], &q, 30);
    assert!(s.text.starts_with('…'), "{}", s.text);
    assert!(s.marked().contains("«Đảng»"), "{}", s.marked());
    let short = snippet(&["Không khớp"], &q, 30);
    assert_eq!(short.text, "Không khớp");
    assert!(short.marks.is_empty());
    assert_eq!(snippet(&[], &q, 30).text, "");
}

#[test]
fn the_cells_meeting_comments_and_assessment_are_searched() {
    let mut notebooks = cell();
    let member = notebooks[0].id;
    let book_mut = notebooks[0].years.values_mut().next().unwrap();
    book_mut.cell_review.decision.comments =
        "Đồng chí gương mẫu, cần mạnh dạn phê bình hơn.".to_owned();
    book_mut.cell_review.decision.assessment.insert(
        "I.1".to_owned(),
        "Lập trường tư tưởng vững vàng.".to_owned(),
    );
    let index = Index::build(notebooks.iter().map(|nb| (nb, 0)));
    for query in ["manh dan phe binh", "vững vàng"] {
        let found = index.search(query, &Filter::default(), 10_000);
        assert!(
            found
                .hits
                .iter()
                .any(|h| h.member == Some(member) && h.target == Target::CellNote),
            "{query}: {found:?}"
        );
    }
    let only_remarks = Filter {
        kind: Some(Kind::Remark),
        ..Filter::default()
    };
    assert!(index.search("guong mau", &only_remarks, 10).total >= 1);
}

#[test]
fn the_cells_meeting_minutes_are_searched_and_follow_its_changes() {
    let mut data = demo_cell().into_data();
    data.settings.role = crate::model::Role::Secretary;
    let mut ws = Workspace::new(data);
    let year = *ws.data().meetings.keys().next_back().unwrap();
    let member = ws.notebooks().next().unwrap().id;
    let mut index = Index::of(&ws);
    assert!(index.is_current(&ws));
    assert_eq!(index.search("tat nien", &Filter::default(), 10).total, 0);
    let mut meeting = ws.meeting(year).unwrap().clone();
    meeting.conclusion = "Chi bộ tổ chức họp mặt tất niên vào cuối tháng.".to_owned();
    let set = Action::SetMeeting { year, meeting };
    ws.apply(set.clone()).unwrap();
    index.applied(&set, &ws);
    assert!(index.is_current(&ws));

    let found = index.search("tat nien", &Filter::default(), 10);
    assert_eq!(found.total, 1, "{found:?}");
    let hit = &found.hits[0];
    assert_eq!(hit.member, None);
    assert_eq!(hit.year, year);
    assert_eq!(hit.target, Target::Meeting);
    assert_eq!(hit.target.kind(), Kind::Meeting);
    assert!(!hit.exact);
    assert!(index.search("tất niên", &Filter::default(), 10).hits[0].exact);
    let fields = hit_fields(&ws, hit).unwrap();
    assert!(fields[1].contains("tất niên"), "{fields:?}");
    let marked = snippet(&fields, &query_words("tat nien"), 80).marked();
    assert!(marked.contains("«tất» «niên»"), "{marked}");

    // Filters: by kind and year it stays; a member or an area leaves it out.
    let kept = [
        Filter {
            kind: Some(Kind::Meeting),
            ..Filter::default()
        },
        Filter {
            year: Some(year),
            ..Filter::default()
        },
    ];
    for filter in kept {
        assert_eq!(index.search("tat nien", &filter, 10).total, 1, "{filter:?}");
    }
    let left_out = [
        Filter {
            member: Some(member),
            ..Filter::default()
        },
        Filter {
            year: Some(year - 1),
            ..Filter::default()
        },
        Filter {
            kind: Some(Kind::Remark),
            ..Filter::default()
        },
        Filter {
            area: Some(Area::PoliticalIdeology),
            ..Filter::default()
        },
    ];
    for filter in left_out {
        assert_eq!(index.search("tat nien", &filter, 10).total, 0, "{filter:?}");
    }
    // The demo's own minutes are found too, and only with kind meeting.
    let only_meetings = Filter {
        kind: Some(Kind::Meeting),
        ..Filter::default()
    };
    let quan_triet = index.search("quan triet muc dich", &only_meetings, 10);
    assert_eq!(quan_triet.total, ws.data().meetings.len());

    // Undo, seen by the meetings change counter alone; then removed.
    ws.undo();
    index.sync(&ws);
    assert!(index.is_current(&ws));
    assert_eq!(index.search("tat nien", &Filter::default(), 10).total, 0);
    ws.redo();
    index.sync(&ws);
    assert_eq!(index.search("tat nien", &Filter::default(), 10).total, 1);
    let remove = Action::RemoveMeeting { year };
    ws.apply(remove.clone()).unwrap();
    index.applied(&remove, &ws);
    assert_eq!(index.search("tat nien", &Filter::default(), 10).total, 0);
    assert_eq!(
        index
            .search("quan triet muc dich", &only_meetings, 10)
            .total,
        ws.data().meetings.len()
    );
}
