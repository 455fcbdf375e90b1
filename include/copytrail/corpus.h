#pragma once
// What copytrail keeps of each document after sketching: metadata, the MinHash signature, the
// content-term vector and line hashes, never the text (DocumentSource::Fetch re-reads it).
//
// Per-document arrays are stored back to back (CSR layout) so that a million documents cost a
// few large allocations instead of millions of small ones.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "copytrail/document_source.h"
#include "copytrail/huge_page_allocator.h"
#include "copytrail/minhash.h"
#include "copytrail/normalizer.h"
#include "copytrail/phrases.h"
#include "copytrail/shingler.h"

namespace copytrail {

using DocId = uint32_t;

struct DocInfo {
  std::string id;
  std::string date;  // as given (ParseDate reads it into days and timed)
  std::string url, title, source;
  Locator where;
  uint64_t bytes = 0;
  uint32_t tokens = 0;
  uint32_t shingles = 0;
  uint32_t quote_marks = 0;
  uint32_t sentences = 0;
  std::array<uint64_t, 2> exact_hash{};  // XXH3-128 of the token stream
  float idf_mass = 0;                    // sum of idf over distinct content terms
  float name_idf_mass = 0;               // the same over its names (capitalised, not numbers)
  double days = kNoDate;                 // the date as days since 1970 UTC (kNoDate if none)
  bool timed = false;                    // the date gives a time of day
  // The name (capitalised content term, not a number) with the highest TF-IDF weight: what the
  // text is about. kNoSubject if it names nothing. Set by Corpus::Finalize.
  uint32_t subject = kNoSubject;

  static constexpr uint32_t kNoSubject = ~0u;

  static constexpr double kNoDate = -1e18;
};

// Everything the analysis of one document yields; built in parallel, appended in input order.
struct DocFeatures {
  DocInfo info;
  Signature signature;
  std::vector<TermCount> terms;
  std::vector<uint64_t> lines;
};

struct SketchOptions {
  int shingle_size = 5;        // word k-gram length for the near-duplicate tier
  size_t max_terms = 4096;     // distinct content terms kept per document (consistent sample)

  Status Validate() const;
};

// Analyses one document (normalise, shingle, sketch) and counts its phrases into `phrases` (if
// not null). Thread-safe; `scratch` is per thread.
struct SketchScratch {
  AnalyzedText analyzed;
  std::vector<uint64_t> shingles;
  std::vector<uint64_t, HugePageAllocator<uint64_t>> token_hashes;
};
void SketchDocument(const Document& doc, const SketchOptions& options, SketchScratch* scratch,
                    DocFeatures* out, PhraseCounts* phrases = nullptr);

class Corpus {
 public:
  // Appends a document; its id becomes the next DocId.
  void Add(DocFeatures&& f);
  // Computes IDF from the document frequencies and turns term counts into L2-normalised
  // (1 + ln tf) * idf weights. Call once, after the last Add.
  void Finalize();

  size_t size() const { return docs_.size(); }
  const DocInfo& info(DocId d) const { return docs_[d]; }
  const Signature& signature(DocId d) const { return signatures_[d]; }
  // The document's content terms as term ids (after Finalize; ids are ranks of the term hashes,
  // so a document's ids are ascending and two documents' lists merge as their terms would).
  std::span<const uint32_t> terms(DocId d) const;
  std::span<const float> weights(DocId d) const;
  std::span<const uint8_t> term_flags(DocId d) const;
  std::span<const uint64_t> lines(DocId d) const;
  bool empty_document(DocId d) const { return docs_[d].tokens == 0; }
  // Either text's subject (DocInfo::subject) is among the other's terms, or one of them names
  // nothing (a headline cut from its story cannot contradict the other). After Finalize.
  bool SharesSubject(DocId a, DocId b) const;
  // The first document with the same text as d (d itself for the first and for empty ones).
  DocId original_of(DocId d) const { return copy_of_[d]; }

  // IDF and document frequency (distinct texts holding it) of a term id, after Finalize.
  float term_idf(uint32_t id) const { return idf_[id]; }
  uint32_t term_df(uint32_t id) const { return df_[id]; }
  size_t vocabulary_size() const { return idf_.size(); }
  // IDF of a term given by its hash (as a freshly analysed text has it); terms the corpus has
  // never seen get the IDF of a term in no document.
  float idf(uint32_t term_hash) const;
  // idf() of many terms at once, into out[i], with the hash-table reads overlapped.
  void idfs(std::span<const uint32_t> term_hashes, float* out) const;
  // Distinct texts holding the line if at least two do, else 0: a line of one text is nobody's
  // boilerplate.
  uint32_t line_df(uint64_t line) const;
  // Word-bigram counts over every document read (SketchDocument fills them while reading).
  const PhraseCounts& phrases() const { return phrases_; }
  PhraseCounts* mutable_phrases() { return &phrases_; }
  // Documents in the corpus, for IDF (the smoothed form stays finite for tiny corpora).
  size_t documents_with_text() const { return with_text_; }
  // Words in all documents read, copies included (as the phrase counts see them).
  uint64_t total_tokens() const { return total_tokens_; }

 private:
  // Written once each, at a corpus's full size (tens of megabytes per hundred thousand texts).
  template <typename T>
  using Array = std::vector<T, HugePageAllocator<T>>;

  Array<DocInfo> docs_;
  Array<Signature> signatures_;
  struct Range {
    uint64_t begin, end;
  };
  // Identical texts share the term vector and line hashes of their first copy, so a corpus of
  // a million copies stores one (bench/macro.sh). Document frequencies count distinct texts.
  absl::flat_hash_map<std::pair<uint64_t, uint64_t>, DocId> first_copy_;
  Array<DocId> copy_of_;
  Array<Range> term_range_;
  Array<uint32_t> terms_;
  Array<float> weights_;
  Array<uint8_t> term_flags_;
  Array<Range> line_range_;
  Array<uint64_t> lines_;
  // After Finalize: the id of every term hash, and per id its IDF and document frequency.
  // Verification reads the IDF of every shared term of every pair, so by array index; only
  // re-analysed texts look their terms up by hash.
  absl::flat_hash_map<uint32_t, uint32_t> term_id_;
  std::vector<float> idf_;
  std::vector<uint32_t> df_;
  absl::flat_hash_map<uint64_t, uint32_t> line_df_;
  PhraseCounts phrases_;
  float unseen_idf_ = 1;
  size_t with_text_ = 0;
  uint64_t total_tokens_ = 0;
};

// Reads an ISO 8601 date: YYYY-MM-DD, optionally followed by 'T' or a space and a time of day
// HH:MM[:SS[.fraction]], itself optionally followed by a zone: Z, UTC, GMT or an offset +HH[:MM]
// (or -). Feeds' other forms are read too: RFC 2822 (RSS pubDate: [Tue, ]25 Nov 2025
// [10:00[:00] [+hhmm|GMT|UT|EST...]]) and Unix time (10 digits of seconds, or 13 of milliseconds). *days is then the days since 1970-01-01 UTC (the time of day as a fraction: a time
// with an offset is moved to UTC, so that copies stamped in different zones compare by the
// instant; a time without a zone is taken as UTC) and *timed says whether a time was given.
enum class DateRead {
  kRead,        // all of it
  kDayOnly,     // a real day followed by something else than a time: the day is kept, untimed
  kUnreadable,  // not a date, or no real day (2025-02-30): *days and *timed are left alone
};
DateRead ParseDate(std::string_view text, double* days, bool* timed);

// -1 if a is dated before b, 1 if after, 0 if the dates cannot tell them apart: either is
// undated, both give the same instant, or both fall on the same day and one gives no time.
int CompareDates(const DocInfo& a, const DocInfo& b);

}  // namespace copytrail
