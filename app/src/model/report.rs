//! A programme's printable report for one closed month.
use serde::{Deserialize, Serialize};

use super::actions::Heard;
use super::dashboard::DashboardData;
use super::published::PublishedSummary;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportData {
    pub figures: DashboardData,
    /// Summaries published for a period that holds the month.
    pub summaries: Vec<PublishedSummary>,
    /// Published actions (and how many took part), as young people read them.
    pub heard: Heard,
    pub printed_on: String,
}
