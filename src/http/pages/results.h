// The results dashboard: what the published projects planned and achieved,
// indicators summed by unit, overall and by programme and year; downloadable
// as CSV and as an SVG image.
#pragma once

#include "base/error.h"
#include "http/reply.h"
#include "http/request.h"

namespace tiltas::http::pages {

// GET /results and /lt/results (?programme=&year=): headline people reached,
// a planned-vs-achieved bar chart of the largest units (server-rendered
// SVG), the table of every unit, and the breakdown by programme and year.
Result<Reply> results_page(const Context& context, const Request& request);

// GET /results.csv (?programme=&year=): programme, year, unit, planned,
// achieved, unclassified, projects; RFC 4180, UTF-8, formulas neutralised.
Result<Reply> results_csv(const Context& context, const Request& request);

// GET /results.svg and /lt/results.svg (?programme=&year=): the chart alone.
Result<Reply> results_svg(const Context& context, const Request& request);

}  // namespace tiltas::http::pages
