// The timeline: implementation periods of published projects as a Gantt
// chart, filterable with the search's query and facets, latest start first.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"
#include "base/partial_date.h"

namespace tiltas::http::pages {

// A partial date as a fractional year: its first day, or with `end` its
// last day's end ("2021-06" -> 2021.4167, end 2021.5).
double year_position(const PartialDate& date, bool end);

// GET /timeline and /lt/timeline (?q=&programme=&country=&year=&page=):
// 50 projects with a period a page, latest start first; each bar spans the period
// (partial dates from their first to their last day), on a shared year axis.
Result<Reply> timeline_page(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
