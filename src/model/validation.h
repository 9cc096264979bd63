// Checks that a Project holds only values the registry can keep: valid
// calendar dates in order, ISO codes, non-empty required strings.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "model/project.h"

namespace tiltas::model {

struct ValidationProblem {
  std::string field;  // "period", "amounts[1].currency"
  std::string message;
};

// Every problem of `project`; empty when valid. Pure and thread-safe.
std::vector<ValidationProblem> validate(const Project& project);

// The first problem as an InvalidArgument error whose field is prefixed with
// `where` (e.g. "records[3]"), or ok().
Status check(const Project& project, const std::string& where = {});

bool is_language_code(std::string_view code);

}  // namespace tiltas::model
