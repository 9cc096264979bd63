// The closed vocabularies of the record format (GUIDELINES.md), with their
// wire names. parse_* return std::nullopt for an unknown name so that the
// caller can report which record and field held it.
#pragma once

#include <optional>
#include <string_view>

namespace tiltas::model {

enum class ProjectKind { kProject, kBilateralInitiative, kSmallGrant };
enum class Role { kPromoter, kPartner, kFunder, kOther };
enum class AmountKind { kBudget, kGranted, kOther };
enum class IndicatorStatus { kPlanned, kAchieved, kUnknown };
enum class ReviewState { kDraft, kPublished };
enum class ProjectStatus { kUnknown, kPlanned, kOngoing, kCompleted };
enum class Severity { kInfo, kWarning, kError };

std::string_view to_string(ProjectKind v);
std::string_view to_string(Role v);
std::string_view to_string(AmountKind v);
std::string_view to_string(IndicatorStatus v);
std::string_view to_string(ReviewState v);
std::string_view to_string(ProjectStatus v);
std::string_view to_string(Severity v);

std::optional<ProjectKind> parse_project_kind(std::string_view s);
std::optional<Role> parse_role(std::string_view s);
std::optional<AmountKind> parse_amount_kind(std::string_view s);
std::optional<IndicatorStatus> parse_indicator_status(std::string_view s);
std::optional<ReviewState> parse_review_state(std::string_view s);
std::optional<ProjectStatus> parse_project_status(std::string_view s);
std::optional<Severity> parse_severity(std::string_view s);

}  // namespace tiltas::model
