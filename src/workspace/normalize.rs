//! Puts every text of an action into Unicode NFC before it is checked, so
//! that what is stored, compared and searched is always composed.
//!
//! Paths (the export folder) are left as the system gave them: changing
//! their bytes could name another folder.

use crate::model::{
    CellDecision, CellPart, CellReview, Commitment, Entry, Meeting, Notebook, Profile,
    ProgressRecord, Remark, SelfReview, Settings, Theme, YearBook,
};
use crate::text::Normalize;

use super::Action;

impl Normalize for Action {
    fn normalize(&mut self) {
        match self {
            Action::ChangeSettings { settings } => settings.normalize(),
            Action::SaveUserTheme { theme, .. } => theme.normalize(),
            Action::CreateNotebook { profile, .. } | Action::SetProfile { profile, .. } => {
                profile.normalize()
            }
            Action::StartYear { theme_id, .. } | Action::SetYearTheme { theme_id, .. } => {
                theme_id.normalize()
            }
            Action::AddCommitment { commitment, .. }
            | Action::EditCommitment { commitment, .. } => commitment.normalize(),
            Action::SetProgress { record, .. } => record.normalize(),
            Action::AddEntry { entry, .. } | Action::EditEntry { entry, .. } => entry.normalize(),
            Action::SetSelfReview { review, .. } => review.normalize(),
            Action::AddRemark { remark, .. } | Action::EditRemark { remark, .. } => {
                remark.normalize()
            }
            Action::SetCellDecision { decision, .. } => decision.normalize(),
            Action::SetMeeting { meeting, .. } => meeting.normalize(),
            Action::RemoveNotebook { .. }
            | Action::RemoveYear { .. }
            | Action::SetRegistrationDate { .. }
            | Action::RemoveCommitment { .. }
            | Action::MoveCommitment { .. }
            | Action::ClearProgress { .. }
            | Action::RemoveEntry { .. }
            | Action::RemoveRemark { .. }
            | Action::RemoveMeeting { .. } => {}
            // Read and put in NFC by `exchange::read`.
            Action::Import { .. } | Action::SettleConflict { .. } => {}
        }
    }
}

impl Normalize for Profile {
    fn normalize(&mut self) {
        let Profile {
            full_name,
            card_number,
            party_post,
            government_post,
            mass_post,
            workplace,
            cell,
            party_committee,
            ..
        } = self;
        for s in [
            full_name,
            party_post,
            government_post,
            mass_post,
            workplace,
            cell,
            party_committee,
        ] {
            s.normalize();
        }
        card_number.normalize();
    }
}

impl Normalize for Commitment {
    fn normalize(&mut self) {
        self.content.normalize();
        self.measures.normalize();
        self.product.normalize();
    }
}

impl Normalize for ProgressRecord {
    fn normalize(&mut self) {
        self.result.normalize();
        self.evidence.normalize();
    }
}

impl Normalize for Entry {
    fn normalize(&mut self) {
        self.title.normalize();
        self.text.normalize();
    }
}

impl Normalize for SelfReview {
    fn normalize(&mut self) {
        self.form.normalize();
        let answers = std::mem::take(&mut self.answers);
        for (mut key, mut answer) in answers {
            key.normalize();
            answer.text.normalize();
            if !answer.is_empty() {
                self.answers.insert(key, answer);
            }
        }
        let declared = std::mem::take(&mut self.declared);
        self.declared = declared
            .into_iter()
            .map(|mut k| {
                k.normalize();
                k
            })
            .collect();
    }
}

impl Normalize for Remark {
    fn normalize(&mut self) {
        self.author.normalize();
        self.text.normalize();
    }
}

impl Normalize for Settings {
    fn normalize(&mut self) {
        self.cell_name.normalize();
        for theme in &mut self.user_themes {
            theme.normalize();
        }
    }
}

impl Normalize for Theme {
    fn normalize(&mut self) {
        self.id.normalize();
        self.title.normalize();
        for line in self.documents.iter_mut().chain(&mut self.outline) {
            line.normalize();
        }
    }
}

impl Normalize for Meeting {
    fn normalize(&mut self) {
        for text in [
            &mut self.starts_at,
            &mut self.ends_at,
            &mut self.place,
            &mut self.chair,
            &mut self.minute_taker,
            &mut self.proceedings,
            &mut self.conclusion,
        ] {
            text.normalize();
        }
        for a in &mut self.absent {
            a.name.normalize();
            a.reason.normalize();
        }
        for g in &mut self.guests {
            g.name.normalize();
            g.post.normalize();
        }
    }
}

impl Normalize for CellDecision {
    fn normalize(&mut self) {
        self.secretary.normalize();
        self.decision_number.normalize();
        self.comments.normalize();
        self.assessment.values_mut().for_each(String::normalize);
    }
}

impl Normalize for CellReview {
    fn normalize(&mut self) {
        self.remarks.iter_mut().for_each(Remark::normalize);
        self.decision.normalize();
    }
}

impl Normalize for CellPart {
    fn normalize(&mut self) {
        self.years.values_mut().for_each(CellReview::normalize);
    }
}

impl Normalize for YearBook {
    fn normalize(&mut self) {
        self.theme_id.normalize();
        self.commitments.iter_mut().for_each(Commitment::normalize);
        self.progress.iter_mut().for_each(ProgressRecord::normalize);
        self.entries.iter_mut().for_each(Entry::normalize);
        if let Some(r) = &mut self.self_review {
            r.normalize();
        }
        self.cell_review.normalize();
    }
}

impl Normalize for Notebook {
    fn normalize(&mut self) {
        self.profile.normalize();
        self.years.values_mut().for_each(YearBook::normalize);
    }
}
