#include "model/project.h"

namespace tiltas::model {
namespace {

// A copy holding only the stated facts.
Project facts_of(const Project& p) {
  Project f;
  f.kind = p.kind;
  f.default_language = p.default_language;
  f.titles = p.titles;
  f.descriptions = p.descriptions;
  f.programme = p.programme;
  f.status = p.status;
  f.period = p.period;
  f.amounts = p.amounts;
  f.participations = p.participations;
  f.activities = p.activities;
  f.events = p.events;
  f.indicators = p.indicators;
  f.places = p.places;
  f.notes = p.notes;
  for (auto& x : f.amounts) x.span.reset();
  for (auto& x : f.participations) {
    x.span.reset();
    x.organisation_id.reset();
  }
  for (auto& x : f.activities) x.span.reset();
  for (auto& x : f.events) x.span.reset();
  for (auto& x : f.indicators) x.span.reset();
  for (auto& x : f.places) x.span.reset();
  return f;
}

}  // namespace

bool same_facts(const Project& a, const Project& b) { return facts_of(a) == facts_of(b); }

}  // namespace tiltas::model
