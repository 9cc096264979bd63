// Whether two records are the same project written in two languages
// (a page and its translation), from the facts that do not depend on
// language: period, activity codes, partners' countries, amounts, programme.
#pragma once

#include "model/project.h"

namespace tiltas::model {

// The score above which two records in different languages are linked.
inline constexpr double kTranslationThreshold = 3.0;

// How strongly `a` and `b` look like one project in two languages: 0 or more,
// or a negative value when a fact contradicts it (different periods,
// different programmes, the same language). Pure and symmetric.
//   period start / end equal at their common precision: +1 each
//   the same non-empty set of activity codes: +2 (overlap of half or more: +1)
//   an amount equal to the cent, same currency: +2
//   the same multiset of known partner countries (2 or more): +1
//   the same programme: +0.5
double translation_match_score(const Project& a, const Project& b);

}  // namespace tiltas::model
