#pragma once
// Stage 1, ingest: streams documents from directories, plain files and JSONL (or stdin).
//
// Guarantees: documents come out in input order, numbered from 0; every document carries a
// Locator that DocumentSource::Fetch() can use to read its text again later, so callers may drop the
// text once they have sketched it. Bad records never abort a read unless Options::strict is set;
// each one is passed to the Reporter with the file and line that caused it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "copytrail/status.h"

namespace copytrail {

// Where a document's text lives, so it can be read again by DocumentSource::Fetch().
struct Locator {
  uint32_t file = 0;    // index of the physical input file
  uint64_t offset = 0;  // byte offset of the record (JSONL line) or 0 for a plain file
  uint64_t length = 0;  // bytes of the record
  uint64_t line = 0;    // 1-based line number for JSONL, 0 for plain files
};

struct Document {
  std::string id;  // unique within a run (duplicates are renamed, see Options)
  std::string text;
  std::string date;  // as given (see ParseDate) or empty
  std::string url;
  std::string title;
  std::string source;
  Locator where;
};

// Receives every problem met while reading. Implementations must be thread-compatible: the
// reader calls them from one thread at a time.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // `where` names the file and line (or document id); the status says what is wrong.
  virtual void Warning(const std::string& where, const Status& problem) = 0;
};

// A Reporter that only counts, for tests and library users who want silence.
class CountingReporter : public Reporter {
 public:
  void Warning(const std::string& where, const Status& problem) override;
  int count() const { return static_cast<int>(messages_.size()); }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  std::vector<std::string> messages_;
};

struct ReadOptions {
  std::string id_field = "id";
  std::string text_field = "text";
  std::string date_field = "date";
  std::string url_field = "url";
  std::string title_field = "title";
  std::string source_field = "source";
  // A bad record (malformed JSON, missing text, invalid UTF-8, duplicate id, oversized
  // document) stops the read with an error instead of a warning.
  bool strict = false;
  // Documents longer than this are skipped with a warning (they would dominate memory).
  uint64_t max_document_bytes = uint64_t{1} << 30;

  Status Validate() const;
};

struct ReadStats {
  uint64_t documents = 0;
  uint64_t bytes = 0;
  uint64_t files = 0;
  uint64_t skipped_records = 0;    // malformed lines, missing text, oversized documents
  uint64_t repaired_utf8 = 0;      // documents whose invalid UTF-8 was replaced by U+FFFD
  uint64_t renamed_duplicates = 0; // duplicate ids renamed to "id~N"
};

class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // Fills *doc (its buffers are reused). Returns false at the end or on a fatal error; then
  // check status().
  virtual bool Next(Document* doc) = 0;
  virtual Status status() const = 0;
  virtual const ReadStats& stats() const = 0;
  // Reads a document's text again from its Locator, repaired exactly as on the first read.
  // Thread-safe; valid for as long as the source lives.
  virtual Result<std::string> Fetch(const Locator& where) const = 0;
  // The name of the input a Locator points into ("-" for stdin), for messages.
  virtual std::string DisplayName(const Locator& where) const = 0;
};

// Opens every input in order: a directory (recursive, *.txt and *.md, ids relative to the
// directory, visited in sorted order), a .jsonl/.ndjson file, "-" for JSONL on stdin, or any
// other file as one document whose id is the path as given. Missing or unreadable inputs fail
// here, before any document is read. `reporter` must outlive the source. stdin is spooled to a
// temporary file so that Fetch() works for it too; gzip and zstd JSONL (".jsonl.gz",
// ".ndjson.zst"..., or a .jsonl file or stdin by their magic numbers) are decompressed into one;
// compressed data in any other file is refused rather than read as one document. A truncated or
// corrupt compressed input fails here, naming it. Temporary files go to $TMPDIR (else /var/tmp,
// else /tmp) and are removed with the source.
Result<std::unique_ptr<DocumentSource>> OpenInputs(const std::vector<std::string>& inputs,
                                                   const ReadOptions& options, Reporter* reporter);

// A source over documents held in memory, for tests and the library API.
std::unique_ptr<DocumentSource> MemorySource(std::vector<Document> docs);

// Replaces every invalid UTF-8 sequence by U+FFFD, one per offending byte. Returns the number
// of bytes replaced and the offset of the first one (or -1).
struct Utf8Repair {
  uint64_t replaced = 0;
  int64_t first_bad_offset = -1;
};
Utf8Repair RepairUtf8(std::string* text);

}  // namespace copytrail
