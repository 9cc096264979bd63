#include "model/enums.h"

#include <array>
#include <utility>

namespace tiltas::model {
namespace {

// One table per enum: the wire name of each value, read both ways.
template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<ProjectKind, 3> kKinds{{{ProjectKind::kProject, "project"},
                                        {ProjectKind::kBilateralInitiative, "bilateral_initiative"},
                                        {ProjectKind::kSmallGrant, "small_grant"}}};
constexpr Names<Role, 4> kRoles{{{Role::kPromoter, "promoter"},
                                 {Role::kPartner, "partner"},
                                 {Role::kFunder, "funder"},
                                 {Role::kOther, "other"}}};
constexpr Names<AmountKind, 3> kAmountKinds{
    {{AmountKind::kBudget, "budget"}, {AmountKind::kGranted, "granted"}, {AmountKind::kOther, "other"}}};
constexpr Names<IndicatorStatus, 3> kIndicatorStatuses{{{IndicatorStatus::kPlanned, "planned"},
                                                        {IndicatorStatus::kAchieved, "achieved"},
                                                        {IndicatorStatus::kUnknown, "unknown"}}};
constexpr Names<ReviewState, 2> kReviewStates{
    {{ReviewState::kDraft, "draft"}, {ReviewState::kPublished, "published"}}};
constexpr Names<ProjectStatus, 4> kProjectStatuses{{{ProjectStatus::kUnknown, "unknown"},
                                                    {ProjectStatus::kPlanned, "planned"},
                                                    {ProjectStatus::kOngoing, "ongoing"},
                                                    {ProjectStatus::kCompleted, "completed"}}};
constexpr Names<Severity, 3> kSeverities{
    {{Severity::kInfo, "info"}, {Severity::kWarning, "warning"}, {Severity::kError, "error"}}};

template <typename E, std::size_t N>
std::string_view name_of(const Names<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> value_of(const Names<E, N>& table, std::string_view s) {
  for (const auto& [value, name] : table) {
    if (name == s) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(ProjectKind v) { return name_of(kKinds, v); }
std::string_view to_string(Role v) { return name_of(kRoles, v); }
std::string_view to_string(AmountKind v) { return name_of(kAmountKinds, v); }
std::string_view to_string(IndicatorStatus v) { return name_of(kIndicatorStatuses, v); }
std::string_view to_string(ReviewState v) { return name_of(kReviewStates, v); }
std::string_view to_string(ProjectStatus v) { return name_of(kProjectStatuses, v); }
std::string_view to_string(Severity v) { return name_of(kSeverities, v); }

std::optional<ProjectKind> parse_project_kind(std::string_view s) { return value_of(kKinds, s); }
std::optional<Role> parse_role(std::string_view s) { return value_of(kRoles, s); }
std::optional<AmountKind> parse_amount_kind(std::string_view s) { return value_of(kAmountKinds, s); }
std::optional<IndicatorStatus> parse_indicator_status(std::string_view s) {
  return value_of(kIndicatorStatuses, s);
}
std::optional<ReviewState> parse_review_state(std::string_view s) { return value_of(kReviewStates, s); }
std::optional<ProjectStatus> parse_project_status(std::string_view s) {
  return value_of(kProjectStatuses, s);
}
std::optional<Severity> parse_severity(std::string_view s) { return value_of(kSeverities, s); }

}  // namespace tiltas::model
