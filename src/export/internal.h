// Helpers shared by the writers of this folder; not part of the module's API.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export/writer.h"

namespace tiltas::exporter::internal {

// "99780.00" for 9978000 minor units.
std::string decimal(std::int64_t minor_units);
// "1200" for 1200.0, "12.5" for 12.5.
std::string number(double value);
// The participation's name as written, else its organisation's display name.
std::string participant_name(const ExportRecord& record, const model::Participation& p);
// "SCHEME-VALUE" from the linked organisation's first identifier, if any.
std::optional<std::string> organisation_ref(const ExportRecord& record, const model::Participation& p);
// "2024-05-01" from "2024-05-01T12:00:00Z".
std::string date_part(std::string_view datetime);
// Languages of the project's titles and descriptions, its own language first.
std::vector<std::string> languages_in_order(const model::Project& project);

}  // namespace tiltas::exporter::internal
