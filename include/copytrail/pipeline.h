#pragma once
// The whole pipeline: read -> normalise -> shingle -> sketch -> candidates -> verify -> cluster
// -> lineage. The only header that composes stages; the CLI sees this and the options.
//
// Memory: text is dropped as soon as a document is sketched; the corpus keeps about 0.5 KB of
// signature plus its content-term vector per document. Work runs on `threads` cores (oneTBB).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "copytrail/clustering.h"
#include "copytrail/document_source.h"
#include "copytrail/lineage.h"
#include "copytrail/lsh_index.h"
#include "copytrail/verifier.h"

namespace copytrail {

struct ScanOptions {
  SketchOptions sketch;
  LshOptions lsh;
  ParaphraseCandidateOptions paraphrase_candidates;
  VerifyOptions verify;
  ClusterOptions cluster;
  LineageOptions lineage;
  size_t dense_matrix_limit = 4000; // up to this many distinct texts, all-pairs cosine via Eigen
  int threads = 0;                  // 0: every core

  Status Validate() const;
};

struct ScanStats {
  ReadStats read;
  CandidateStats candidates;
  ClusterStats cluster;
  uint64_t empty_documents = 0;
  uint64_t unreadable_dates = 0;    // dates not (wholly) readable: only the day, or nothing, is used
  uint64_t exact_duplicates = 0;    // documents identical to an earlier one
  uint64_t verified_pairs = 0;
  uint64_t related_pairs = 0;
  bool dense_matrix = false;        // all-pairs similarity was computed
  // Wall-clock seconds per stage.
  double read_seconds = 0, candidate_seconds = 0, verify_seconds = 0, cluster_seconds = 0,
         lineage_seconds = 0;
};

struct ScanResult {
  Corpus corpus;
  std::vector<ScoredPair> pairs;  // related pairs whose documents ended in the same cluster
  std::vector<std::vector<DocId>> clusters;
  std::vector<ClusterLineage> lineages;  // one per cluster, same order
  ScanStats stats;
};

// Progress: called from the reading thread with documents and bytes read so far.
using ProgressFn = std::function<void(uint64_t documents, uint64_t bytes)>;

// Runs the pipeline over every document of `source`. Problems with single documents go to
// `reporter`; a failing source (or --strict) fails the scan.
Result<ScanResult> Scan(DocumentSource* source, const ScanOptions& options, Reporter* reporter,
                        const ProgressFn& progress = nullptr);

// One pair in depth: both documents as a corpus of two.
struct SharedPassage {
  uint32_t a_begin, a_end;  // byte range in a's text
  uint32_t b_begin, b_end;
  uint32_t words;
};
struct Comparison {
  PairMeasures measures;
  Relation relation;
  double direction;  // log-odds that a is the source of b (negative: b is the source of a)
  std::vector<std::string> evidence;  // for the winning direction
  std::vector<SharedPassage> passages;  // longest first
};
Result<Comparison> Compare(const Document& a, const Document& b, const ScanOptions& options);

}  // namespace copytrail
