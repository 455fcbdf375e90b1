#include "copytrail/corpus.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "core/radix_sort.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace copytrail {

Status SketchOptions::Validate() const {
  if (shingle_size < 1 || shingle_size > 32)
    return Status::InvalidArgument("--shingle-size must be between 1 and 32, got " +
                                   std::to_string(shingle_size));
  if (max_terms < 16) return Status::InvalidArgument("max_terms must be at least 16");
  return Status::Ok();
}

void SketchDocument(const Document& doc, const SketchOptions& options, SketchScratch* scratch,
                    DocFeatures* out, PhraseCounts* phrases) {
  Analyze(doc.text, &scratch->analyzed);
  if (phrases) phrases->Add(scratch->analyzed);
  const auto& tokens = scratch->analyzed.tokens;
  WordShingles(tokens, options.shingle_size, &scratch->shingles);
  ComputeSignature(scratch->shingles.data(), scratch->shingles.size(), &out->signature);
  ContentTerms(tokens, options.max_terms, &out->terms);
  out->lines = scratch->analyzed.line_hashes;

  DocInfo& info = out->info;
  info.id = doc.id;
  info.date = doc.date;
  ParseDate(doc.date, &info.days, &info.timed);
  info.url = doc.url;
  info.title = doc.title;
  info.source = doc.source;
  info.where = doc.where;
  info.bytes = doc.text.size();
  info.tokens = static_cast<uint32_t>(tokens.size());
  info.shingles = static_cast<uint32_t>(scratch->shingles.size());
  info.quote_marks = scratch->analyzed.quote_marks;
  info.sentences = scratch->analyzed.sentences;
  // The exact-copy key hashes the token hashes, so case, punctuation and spacing do not matter.
  // One call over a gathered buffer, not one streaming update per token (the same value).
  scratch->token_hashes.clear();
  for (const Token& t : tokens) scratch->token_hashes.push_back(t.hash);
  XXH128_hash_t h = XXH3_128bits(scratch->token_hashes.data(), scratch->token_hashes.size() * sizeof(uint64_t));
  info.exact_hash = {h.low64, h.high64};
}

void Corpus::Add(DocFeatures&& f) {
  const DocId id = static_cast<DocId>(docs_.size());
  if (f.info.tokens > 0) ++with_text_;
  total_tokens_ += f.info.tokens;
  DocId original = id;
  if (f.info.tokens > 0) {
    auto [it, inserted] = first_copy_.try_emplace({f.info.exact_hash[0], f.info.exact_hash[1]}, id);
    original = it->second;
  }
  copy_of_.push_back(original);
  if (original != id) {
    term_range_.push_back(term_range_[original]);
    line_range_.push_back(line_range_[original]);
  } else {
    const uint64_t term_begin = terms_.size();
    for (const TermCount& t : f.terms) {
      terms_.push_back(t.term);
      weights_.push_back(static_cast<float>(t.count));
      term_flags_.push_back(t.flags);
    }
    term_range_.push_back({term_begin, terms_.size()});
    // A line repeated inside one document counts once towards its document frequency.
    std::sort(f.lines.begin(), f.lines.end());
    f.lines.erase(std::unique(f.lines.begin(), f.lines.end()), f.lines.end());
    const uint64_t line_begin = lines_.size();
    lines_.insert(lines_.end(), f.lines.begin(), f.lines.end());
    line_range_.push_back({line_begin, lines_.size()});
  }
  docs_.push_back(std::move(f.info));
  signatures_.push_back(f.signature);
}

namespace {

// Calls fn(key, count) for every distinct key, by sorting a copy of the keys: for keys that are
// mostly distinct (lines; most occur in one text), where a map of counts would be as large.
template <typename Key, typename Fn>
void CountKeys(std::span<const Key> all, Fn fn) {
  std::vector<Key> sorted(all.begin(), all.end());
  RadixSort(&sorted);
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    fn(sorted[i], static_cast<uint32_t>(j - i));
    i = j;
  }
}

}  // namespace

float Corpus::idf(uint32_t term_hash) const {
  auto it = term_id_.find(term_hash);
  return it == term_id_.end() ? unseen_idf_ : idf_[it->second];
}

void Corpus::idfs(std::span<const uint32_t> term_hashes, float* out) const {
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < term_hashes.size(); ++i) {
    if (i + kAhead < term_hashes.size()) term_id_.prefetch(term_hashes[i + kAhead]);
    out[i] = idf(term_hashes[i]);
  }
}

uint32_t Corpus::line_df(uint64_t line) const {
  auto it = line_df_.find(line);
  return it == line_df_.end() ? 0 : it->second;
}

void Corpus::Finalize() {
  // Smoothed IDF (as scikit-learn): finite for a corpus of one and never below 1.
  const double n = static_cast<double>(with_text_);
  auto smoothed = [n](double df) { return static_cast<float>(std::log((1.0 + n) / (1.0 + df)) + 1.0); };
  unseen_idf_ = smoothed(0);
  term_id_.clear();
  idf_.clear();
  df_.clear();
  line_df_.clear();
  // Document frequencies counted in hash maps, one per thread, then summed: the vocabulary is
  // small next to the term occurrences (59k distinct terms among 197M for a million recombined
  // documents), where sorting a copy of the occurrences took 5 s and 790 MB there. Term ids are
  // the ranks of the term hashes, so that each document's terms stay sorted by id.
  tbb::enumerable_thread_specific<absl::flat_hash_map<uint32_t, uint32_t>> local_counts;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, terms_.size(), 1 << 16), [&](auto range) {
    auto& counts = local_counts.local();
    for (size_t i = range.begin(); i < range.end(); ++i) ++counts[terms_[i]];
  });
  absl::flat_hash_map<uint32_t, uint32_t> counts;
  for (auto& local : local_counts) {
    if (counts.empty()) counts.swap(local);
    else for (const auto& [term, count] : local) counts[term] += count;
  }
  std::vector<uint32_t> vocabulary;
  vocabulary.reserve(counts.size());
  for (const auto& [term, count] : counts) vocabulary.push_back(term);
  RadixSort(&vocabulary);
  idf_.reserve(vocabulary.size());
  df_.reserve(vocabulary.size());
  for (uint32_t term : vocabulary) {
    uint32_t& slot = counts[term];
    idf_.push_back(smoothed(slot));
    df_.push_back(slot);
    slot = static_cast<uint32_t>(idf_.size() - 1);  // the count becomes the term's id
  }
  term_id_ = std::move(counts);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, terms_.size(), 1 << 16), [&](auto range) {
    for (size_t i = range.begin(); i < range.end(); ++i) terms_[i] = term_id_.find(terms_[i])->second;
  });
  // Most lines occur in one text only; keeping just the shared ones makes the map a fraction of
  // the size (and of the serial insertion time).
  CountKeys<uint64_t>(lines_, [&](uint64_t line, uint32_t df) {
    if (df >= 2) line_df_.emplace(line, df);
  });
  tbb::parallel_for(tbb::blocked_range<DocId>(0, static_cast<DocId>(docs_.size()), 512), [&](auto range) {
    for (DocId d = range.begin(); d < range.end(); ++d) {
      if (copy_of_[d] != d) continue;
      double norm = 0, mass = 0, names = 0;
      for (uint64_t i = term_range_[d].begin; i < term_range_[d].end; ++i) {
        float idf_t = idf_[terms_[i]];
        float w = (1.0f + std::log(weights_[i])) * idf_t;
        weights_[i] = w;
        norm += double{w} * w;
        mass += idf_t;
        if (IsName(term_flags_[i])) names += idf_t;
      }
      float inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
      float best = -1;
      for (uint64_t i = term_range_[d].begin; i < term_range_[d].end; ++i) {
        weights_[i] *= inv;
        if (IsName(term_flags_[i]) && weights_[i] > best)
          best = weights_[i], docs_[d].subject = terms_[i];
      }
      docs_[d].idf_mass = static_cast<float>(mass);
      docs_[d].name_idf_mass = static_cast<float>(names);
    }
  });
  for (DocId d = 0; d < docs_.size(); ++d) {
    docs_[d].idf_mass = docs_[copy_of_[d]].idf_mass;
    docs_[d].name_idf_mass = docs_[copy_of_[d]].name_idf_mass;
    docs_[d].subject = docs_[copy_of_[d]].subject;
  }
}

bool Corpus::SharesSubject(DocId a, DocId b) const {
  const uint32_t subject_a = docs_[a].subject, subject_b = docs_[b].subject;
  if (subject_a == DocInfo::kNoSubject || subject_b == DocInfo::kNoSubject) return true;
  auto ta = terms(a), tb = terms(b);
  return std::binary_search(tb.begin(), tb.end(), subject_a) || std::binary_search(ta.begin(), ta.end(), subject_b);
}

std::span<const uint32_t> Corpus::terms(DocId d) const {
  return {terms_.data() + term_range_[d].begin, terms_.data() + term_range_[d].end};
}
std::span<const float> Corpus::weights(DocId d) const {
  return {weights_.data() + term_range_[d].begin, weights_.data() + term_range_[d].end};
}
std::span<const uint8_t> Corpus::term_flags(DocId d) const {
  return {term_flags_.data() + term_range_[d].begin, term_flags_.data() + term_range_[d].end};
}
std::span<const uint64_t> Corpus::lines(DocId d) const {
  return {lines_.data() + line_range_[d].begin, lines_.data() + line_range_[d].end};
}

namespace {

// The unsigned decimal of exactly `n` digits at text[at], or -1.
int Digits(std::string_view text, size_t at, size_t n) {
  if (at + n > text.size()) return -1;
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

DateRead ParseIso8601(std::string_view text, double* days, bool* timed) {
  const int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || text[4] != '-' || text[7] != '-') return DateRead::kUnreadable;
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return DateRead::kUnreadable;
  const double day_number = std::chrono::sys_days(ymd).time_since_epoch().count();
  *days = day_number;
  *timed = false;
  if (text.size() == 10) return DateRead::kRead;
  // From here on, what does not read as a time leaves the day.
  constexpr DateRead kDayOnly = DateRead::kDayOnly;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return kDayOnly;
  const int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || text.size() < 16 || text[13] != ':') return kDayOnly;
  double seconds = hour * 3600.0 + minute * 60.0;
  size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    const int second = Digits(text, at + 1, 2);
    if (second < 0 || second > 60) return kDayOnly;  // 60: a leap second
    seconds += second;
    at += 3;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      size_t end = at + 1;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      if (end == at + 1) return kDayOnly;
      at = end;  // read past: fractions of a second are kept by no feed that copies text
    }
  }
  std::string_view zone = text.substr(at);
  while (!zone.empty() && zone.front() == ' ') zone.remove_prefix(1);
  if (zone == "Z" || zone == "z" || zone == "UTC" || zone == "GMT") {
    zone = {};
  } else if (!zone.empty()) {
    if (zone[0] != '+' && zone[0] != '-') return kDayOnly;
    const int offset_hours = Digits(zone, 1, 2);
    int offset_minutes = 0;
    if (zone.size() == 6 && zone[3] == ':') offset_minutes = Digits(zone, 4, 2);
    else if (zone.size() == 5) offset_minutes = Digits(zone, 3, 2);
    else if (zone.size() != 3) return kDayOnly;
    if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59) return kDayOnly;
    // Local time = UTC + offset, so UTC = local - offset.
    seconds -= (zone[0] == '+' ? 1 : -1) * (offset_hours * 3600.0 + offset_minutes * 60.0);
  }
  *days = day_number + seconds / 86400.0;
  *timed = true;
  return DateRead::kRead;
}

// Offset from UTC in minutes of an RFC 2822 zone: +hhmm or -hhmm, or a name the RFC (and RSS
// feeds in practice) use; false for anything else.
bool ZoneOffset(std::string_view zone, int* minutes) {
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    const int hours = Digits(zone, 1, 2), mins = Digits(zone, 3, 2);
    if (hours < 0 || hours > 23 || mins < 0 || mins > 59) return false;
    *minutes = (zone[0] == '+' ? 1 : -1) * (hours * 60 + mins);
    return true;
  }
  static constexpr std::pair<std::string_view, int> kNamed[] = {
      {"UT", 0}, {"UTC", 0}, {"GMT", 0}, {"Z", 0},          {"EST", -300}, {"EDT", -240},
      {"CST", -360}, {"CDT", -300}, {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};
  for (auto [name, offset] : kNamed)
    if (zone == name) return *minutes = offset, true;
  return false;
}

// RFC 2822, the dates of RSS feeds and e-mail: [Day, ]D[D] Mon YYYY [HH:MM[:SS] [zone]], with
// English month names. Without a zone the time is taken as UTC, as ISO 8601 times are.
DateRead ParseRfc2822(std::string_view text, double* days, bool* timed) {
  if (const size_t comma = text.find(','); comma != std::string_view::npos) {
    if (comma != 3) return DateRead::kUnreadable;  // only "Tue," may precede the day
    text.remove_prefix(4);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  }
  const size_t day_digits = text.size() > 1 && text[1] == ' ' ? 1 : 2;
  const int day = Digits(text, 0, day_digits);
  if (day < 0 || text.size() < day_digits + 9 || text[day_digits] != ' ' || text[day_digits + 4] != ' ')
    return DateRead::kUnreadable;
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string month_name(text.substr(day_digits + 1, 3));
  for (char& c : month_name) c = static_cast<char>(c | 0x20);
  const auto month = std::find(std::begin(kMonths), std::end(kMonths), month_name) - std::begin(kMonths) + 1;
  const int year = Digits(text, day_digits + 5, 4);
  if (month > 12 || year < 0) return DateRead::kUnreadable;
  const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return DateRead::kUnreadable;
  const double day_number = std::chrono::sys_days(ymd).time_since_epoch().count();
  *days = day_number;
  *timed = false;
  std::string_view rest = text.substr(day_digits + 9);
  if (rest.empty()) return DateRead::kRead;
  const int hour = Digits(rest, 1, 2), minute = Digits(rest, 4, 2);
  if (rest[0] != ' ' || hour < 0 || hour > 23 || minute < 0 || minute > 59 || rest[3] != ':')
    return DateRead::kDayOnly;
  double seconds = hour * 3600.0 + minute * 60.0;
  rest.remove_prefix(6);
  if (!rest.empty() && rest[0] == ':') {
    const int second = Digits(rest, 1, 2);
    if (second < 0 || second > 60) return DateRead::kDayOnly;
    seconds += second;
    rest.remove_prefix(3);
  }
  int offset = 0;
  if (!rest.empty() && (rest[0] != ' ' || !ZoneOffset(rest.substr(1), &offset))) return DateRead::kDayOnly;
  *days = day_number + (seconds - offset * 60.0) / 86400.0;
  *timed = true;
  return DateRead::kRead;
}

// Unix time, as feeds and databases export it (often as a JSON number): ten digits of seconds,
// optionally with a fraction (read past, as in ISO 8601), or thirteen of milliseconds.
DateRead ParseUnixTime(std::string_view text, double* days, bool* timed) {
  const size_t digits = static_cast<size_t>(
      std::find_if(text.begin(), text.end(), [](char c) { return c < '0' || c > '9'; }) - text.begin());
  std::string_view fraction = text.substr(digits);
  if (!fraction.empty()) {
    if (digits != 10 || fraction.size() < 2 || fraction[0] != '.' ||
        !std::all_of(fraction.begin() + 1, fraction.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return DateRead::kUnreadable;
  } else if (digits != 10 && digits != 13) {
    return DateRead::kUnreadable;
  }
  double seconds = 0;
  for (size_t i = 0; i < digits; ++i) seconds = seconds * 10 + (text[i] - '0');
  if (digits == 13) seconds /= 1000;
  *days = seconds / 86400.0;
  *timed = true;
  return DateRead::kRead;
}

}  // namespace

DateRead ParseDate(std::string_view text, double* days, bool* timed) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  for (auto parse : {ParseIso8601, ParseRfc2822, ParseUnixTime})
    if (DateRead read = parse(text, days, timed); read != DateRead::kUnreadable) return read;
  return DateRead::kUnreadable;
}

int CompareDates(const DocInfo& a, const DocInfo& b) {
  if (a.days == DocInfo::kNoDate || b.days == DocInfo::kNoDate) return 0;
  double x = a.days, y = b.days;
  // A day without a time may be any time of that day.
  if (!a.timed || !b.timed) x = std::floor(x), y = std::floor(y);
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace copytrail
