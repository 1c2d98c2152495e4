//! The self-review as a form of its year: whether it is written, and what
//! section III starts from (last year's section II and the cell's remarks).

use crate::model::{Notebook, SectionKind, SelfReview, Year};

/// Whether every section the form asks for has text, in the section itself
/// or in one of its criteria; sections asked "nếu có" may stay empty.
pub fn is_written(year: Year, review: &SelfReview) -> bool {
    let Some(form) = crate::themes::self_review_form(year, &Default::default(), Some(review))
    else {
        return review.has_text();
    };
    form.sections
        .iter()
        .filter(|s| s.kind == SectionKind::Text && !s.optional)
        .all(|s| {
            std::iter::once(s.key.as_str())
                .chain(s.criteria.iter().map(|c| c.key.as_str()))
                .any(|k| !review.text(k).trim().is_empty())
        })
}

/// What section III ("kết quả khắc phục những hạn chế, khuyết điểm đã được
/// chỉ ra") starts from: each line of last year's section II and each of the
/// cell's remarks on last year, as points for the member to answer one by
/// one. Empty when last year pointed out nothing.
pub fn fixes_prefill(notebook: &Notebook, year: Year) -> String {
    let Some(last) = year.checked_sub(1).and_then(|y| notebook.years.get(&y)) else {
        return String::new();
    };
    let mut out = String::new();
    let points: Vec<&str> = last
        .self_review
        .as_ref()
        .map(|r| r.text("shortcomings"))
        .unwrap_or("")
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '•', '+']).trim())
        .filter(|l| !l.is_empty())
        .collect();
    if !points.is_empty() {
        out.push_str(&format!("Hạn chế, khuyết điểm tự nêu năm {}:\n", year - 1));
        for p in points {
            out.push_str(&format!("- {p}\n  Kết quả khắc phục: \n"));
        }
    }
    let remarks = &last.cell_review.remarks;
    if !remarks.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("Chi bộ nhận xét, góp ý năm {}:\n", year - 1));
        for r in remarks {
            out.push_str(&format!("- {}\n  Kết quả khắc phục: \n", r.text.trim()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use uuid::Uuid;

    use super::*;
    use crate::model::{Answer, Period, Profile, Remark, YearBook};

    fn answered(keys: &[&str]) -> SelfReview {
        let mut r = SelfReview {
            form: "02-HD KĐ.ĐG".into(),
            ..SelfReview::default()
        };
        for k in keys {
            r.answers.insert(
                (*k).into(),
                Answer {
                    text: format!("Nội dung {k}").into(),
                    rating: None,
                },
            );
        }
        r
    }

    #[test]
    fn written_means_every_required_section_answered() {
        assert!(!is_written(2020, &answered(&["strengths", "shortcomings"])));
        // A criterion answers its section; "nếu có" sections may stay empty.
        assert!(is_written(
            2020,
            &answered(&["ideology", "shortcomings", "remedies"])
        ));
        assert!(!is_written(2020, &answered(&["ideology", "remedies"])));
    }

    #[test]
    fn section_three_starts_from_last_years_shortcomings_and_remarks() {
        let mut nb = Notebook::new(Uuid::from_u128(1), Profile::default());
        assert_eq!(fixes_prefill(&nb, 2020), "");
        let mut last = YearBook::new("2019");
        last.self_review = Some(SelfReview {
            answers: [(
                "shortcomings".to_owned(),
                Answer {
                    text: "- Phát biểu chưa nhiều.\n\n• Chậm nộp báo cáo.".into(),
                    rating: None,
                },
            )]
            .into(),
            ..SelfReview::default()
        });
        last.cell_review.remarks.push(Remark {
            id: Uuid::from_u128(2),
            period: Period::Year,
            commitment: None,
            author: "Bí thư".into(),
            date: date(2019, 12, 20),
            text: "Cần gương mẫu hơn ở khu dân cư.".into(),
            revision: 1,
        });
        nb.years.insert(2019, last);
        let text = fixes_prefill(&nb, 2020);
        let order = [
            "năm 2019:",
            "- Phát biểu chưa nhiều.",
            "- Chậm nộp báo cáo.",
            "Chi bộ nhận xét",
            "- Cần gương mẫu hơn ở khu dân cư.",
        ];
        let at: Vec<usize> = order.iter().map(|p| text.find(p).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert_eq!(text.matches("Kết quả khắc phục").count(), 3);
    }
}
