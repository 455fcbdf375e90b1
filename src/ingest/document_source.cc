#include "copytrail/document_source.h"

#include <simdjson.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace copytrail {
namespace fs = std::filesystem;

void CountingReporter::Warning(const std::string& where, const Status& problem) {
  messages_.push_back(where + ": " + problem.message());
}

Status ReadOptions::Validate() const {
  if (id_field.empty() || text_field.empty())
    return Status::InvalidArgument("--id-field and --text-field must not be empty");
  if (id_field == text_field)
    return Status::InvalidArgument("--id-field and --text-field must differ (both '" + id_field +
                                   "')");
  if (max_document_bytes == 0) return Status::InvalidArgument("--max-doc-bytes must be > 0");
  return Status::Ok();
}

Utf8Repair RepairUtf8(std::string* text) {
  Utf8Repair r;
  if (simdjson::validate_utf8(text->data(), text->size())) return r;
  std::string out;
  out.reserve(text->size() + 16);
  const auto* s = reinterpret_cast<const unsigned char*>(text->data());
  const size_t n = text->size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = len > 0 && i + len <= n;
    for (size_t k = 1; valid && k < len; ++k) valid = (s[i + k] & 0xC0) == 0x80;
    if (valid && len > 1) {
      uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
      for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
      const uint32_t min_cp = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
      valid = cp >= min_cp && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (valid) {
      out.append(text->data() + i, len);
      i += len;
    } else {
      if (r.first_bad_offset < 0) r.first_bad_offset = static_cast<int64_t>(i);
      ++r.replaced;
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  text->swap(out);
  return r;
}

namespace {

struct InputFile {
  enum class Kind { kPlain, kJsonl };
  std::string path;     // where to read (a spooled copy for stdin)
  std::string display;  // what messages call it
  std::string id;       // document id for plain files
  Kind kind = Kind::kPlain;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsJsonlPath(std::string_view p) { return EndsWith(p, ".jsonl") || EndsWith(p, ".ndjson"); }

bool IsTextPath(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".txt" || ext == ".md";
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  out->clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return Status::IoError(path + ": read error");
  return Status::Ok();
}

// Editors on Windows start UTF-8 files with a byte order mark; it is not part of the text (and
// would make the first JSONL record malformed).
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

void DropByteOrderMark(std::string* text) {
  if (text->starts_with(kByteOrderMark)) text->erase(0, kByteOrderMark.size());
}

// Reads `length` bytes at `offset` of the open file `fd` (named `path` in errors).
Status ReadRange(int fd, const std::string& path, uint64_t offset, uint64_t length, std::string* out) {
  out->resize(length);
  uint64_t done = 0;
  while (done < length) {
    ssize_t n = pread(fd, out->data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<uint64_t>(n);
  }
  if (done != length) return Status::IoError(path + ": cannot re-read bytes at offset " +
                                             std::to_string(offset));
  return Status::Ok();
}

// Descriptors of the JSONL files whose records are re-read, opened on first use and kept until
// the source closes (pread on a shared descriptor is safe from many threads): verification and
// lineage re-read tens of thousands of records, and an open and a close around each read cost
// more than the read. Beyond kMaxOpen files a file is opened for each read, which keeps a
// directory of many JSONL files within the process's descriptor limit.
class KeptFiles {
 public:
  KeptFiles() = default;
  KeptFiles(const KeptFiles&) = delete;
  KeptFiles& operator=(const KeptFiles&) = delete;
  ~KeptFiles() {
    for (const auto& [file, fd] : fds_) close(fd);
  }

  Status Read(size_t file, const std::string& path, uint64_t offset, uint64_t length, std::string* out) {
    int fd = -1;
    bool kept = false;
    {
      std::lock_guard lock(mu_);
      auto it = fds_.find(file);
      if (it != fds_.end()) {
        fd = it->second;
        kept = true;
      } else {
        fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && fds_.size() < kMaxOpen) {
          fds_.emplace(file, fd);
          kept = true;
        }
      }
    }
    if (fd < 0) return Status::IoError(path + ": cannot reopen: " + std::strerror(errno));
    Status st = ReadRange(fd, path, offset, length, out);
    if (!kept) close(fd);
    return st;
  }

 private:
  static constexpr size_t kMaxOpen = 64;
  std::mutex mu_;
  std::map<size_t, int> fds_;  // input file index -> descriptor
};

// Buffered line reader that tracks byte offsets; lines may be arbitrarily long.
class LineReader {
 public:
  explicit LineReader(std::FILE* f) : f_(f) {}
  // Returns false at end of file. The line excludes the newline (and a trailing '\r').
  bool Next(std::string* line, uint64_t* offset, uint64_t* length) {
    line->clear();
    if (pos_ == 0 && head_ == buf_.size()) {
      // The file's first bytes: a byte order mark is skipped, so that offsets (which re-reads
      // use) start after it.
      buf_.resize(1 << 20);
      buf_.resize(std::fread(buf_.data(), 1, buf_.size(), f_));
      if (std::string_view(buf_.data(), buf_.size()).starts_with(kByteOrderMark)) head_ = pos_ = kByteOrderMark.size();
    }
    *offset = pos_;
    bool any = false;
    for (;;) {
      if (head_ == buf_.size()) {
        buf_.resize(1 << 20);
        size_t n = std::fread(buf_.data(), 1, buf_.size(), f_);
        buf_.resize(n);
        head_ = 0;
        if (n == 0) break;
      }
      any = true;
      const char* start = buf_.data() + head_;
      const void* nl = std::memchr(start, '\n', buf_.size() - head_);
      size_t take = nl ? static_cast<const char*>(nl) - start : buf_.size() - head_;
      line->append(start, take);
      head_ += take;
      pos_ += take;
      if (nl) {
        ++head_;
        ++pos_;
        *length = pos_ - *offset;
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
    }
    *length = pos_ - *offset;
    return any && *length > 0;
  }
  bool error() const { return std::ferror(f_); }

 private:
  std::FILE* f_;
  std::vector<char> buf_;
  size_t head_ = 0;
  uint64_t pos_ = 0;
};

struct JsonRecord {
  std::string id, text, date, url, title, source;
  bool has_text = false, has_id = false;
};

// Parses one JSONL line; fields not named in options are ignored. The line must be valid UTF-8.
// The DOM parser (not On Demand) is used because it rejects trailing content after the object
// and picks the fastest kernel for the CPU at run time.
Status ParseRecord(simdjson::dom::parser& parser, const std::string& line, const ReadOptions& o,
                   JsonRecord* rec) {
  *rec = JsonRecord();
  simdjson::dom::element root;
  if (auto err = parser.parse(line).get(root)) return Status::Corrupt(simdjson::error_message(err));
  simdjson::dom::object obj;
  if (root.get(obj)) return Status::Corrupt("expected a JSON object");
  for (auto [key, value] : obj) {
    std::string* dst = nullptr;
    if (key == o.text_field) dst = &rec->text;
    else if (key == o.id_field) dst = &rec->id;
    else if (key == o.date_field) dst = &rec->date;
    else if (key == o.url_field) dst = &rec->url;
    else if (key == o.title_field) dst = &rec->title;
    else if (key == o.source_field) dst = &rec->source;
    if (!dst) continue;
    if (value.is_string()) {
      dst->assign(std::string_view(value));
      if (dst == &rec->text) rec->has_text = true;
      if (dst == &rec->id) rec->has_id = true;
    } else if (value.is_null()) {
      dst->clear();
    } else if (value.is_number() && dst != &rec->text) {
      dst->assign(simdjson::minify(value));
      if (dst == &rec->id) rec->has_id = true;
    } else {
      return Status::Corrupt("field '" + std::string(key) + "' must be a string");
    }
  }
  if (!rec->has_text) return Status::Corrupt("no '" + o.text_field + "' string field");
  return Status::Ok();
}

// Temporary files (stdin's spool, decompressed copies): removed by whoever holds them last --
// OpenInputs, if an input fails after them, else the source they were read through.
class Temporaries {
 public:
  Temporaries() = default;
  Temporaries(Temporaries&& other) noexcept : paths_(std::exchange(other.paths_, {})) {}
  Temporaries& operator=(Temporaries&&) = delete;
  Temporaries(const Temporaries&) = delete;
  Temporaries& operator=(const Temporaries&) = delete;
  ~Temporaries() {
    for (const auto& t : paths_) std::remove(t.c_str());
  }
  // A new empty file in $TMPDIR, else /var/tmp, else /tmp, open for writing in *out. /var/tmp
  // before /tmp: a decompressed corpus can take gigabytes, and /tmp is often memory (tmpfs).
  Result<std::string> Create(const std::string& what, std::FILE** out) {
    const char* env = std::getenv("TMPDIR");
    std::string dir = env && *env ? env : access("/var/tmp", W_OK | X_OK) == 0 ? "/var/tmp" : "/tmp";
    std::string tmpl = dir + "/copytrail-" + what + "-XXXXXX";
    int fd = mkstemp(tmpl.data());
    if (fd < 0) return Status::IoError("cannot create a temporary file for " + what + ": " + std::strerror(errno));
    *out = fdopen(fd, "wb");
    if (!*out) {
      close(fd);
      std::remove(tmpl.c_str());
      return Status::IoError("cannot create a temporary file for " + what + ": " + std::strerror(errno));
    }
    paths_.push_back(tmpl);
    return tmpl;
  }
  void Remove(const std::string& path) {
    std::remove(path.c_str());
    paths_.erase(std::find(paths_.begin(), paths_.end(), path));
  }

 private:
  std::vector<std::string> paths_;
};

class FileSource : public DocumentSource {
 public:
  FileSource(std::vector<InputFile> files, ReadOptions options, Reporter* reporter, Temporaries temporaries)
      : files_(std::move(files)), options_(std::move(options)), reporter_(reporter),
        temporaries_(std::move(temporaries)) {}
  ~FileSource() override {
    if (file_) std::fclose(file_);
  }

  bool Next(Document* doc) override {
    while (status_.ok()) {
      if (current_ >= files_.size()) return false;
      const InputFile& in = files_[current_];
      bool got = in.kind == InputFile::Kind::kPlain ? NextPlain(in, doc) : NextJsonl(in, doc);
      if (got) {
        if (!Accept(doc)) continue;
        return true;
      }
    }
    return false;
  }
  Status status() const override { return status_; }
  const ReadStats& stats() const override { return stats_; }

  Result<std::string> Fetch(const Locator& where) const override {
    if (where.file >= files_.size()) return Status::Internal("bad locator");
    const InputFile& in = files_[where.file];
    std::string text;
    if (in.kind == InputFile::Kind::kPlain) {
      COPYTRAIL_RETURN_IF_ERROR(ReadWholeFile(in.path, &text));
      DropByteOrderMark(&text);
    } else {
      std::string line;
      COPYTRAIL_RETURN_IF_ERROR(kept_files_.Read(where.file, in.path, where.offset, where.length, &line));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      RepairUtf8(&line);
      // A parser keeps its buffers between documents; building one per call allocated them anew.
      thread_local simdjson::dom::parser parser;
      JsonRecord rec;
      Status st = ParseRecord(parser, line, options_, &rec);
      if (!st.ok()) return Status::IoError(in.display + ":" + std::to_string(where.line) +
                                           ": changed since it was read: " + st.message());
      text = std::move(rec.text);
    }
    RepairUtf8(&text);
    return text;
  }
  std::string DisplayName(const Locator& where) const override {
    return where.file < files_.size() ? files_[where.file].display : "?";
  }

 private:
  // Reports a bad record; in strict mode it becomes the read's fatal status.
  void Bad(const std::string& where, Status problem, bool skipped) {
    if (options_.strict) {
      status_ = Status::InvalidArgument(where + ": " + problem.message() + " (--strict)");
      return;
    }
    if (skipped) ++stats_.skipped_records;
    reporter_->Warning(where, problem);
  }

  bool NextPlain(const InputFile& in, Document* doc) {
    ++current_;
    ++stats_.files;
    Status st = ReadWholeFile(in.path, &doc->text);
    if (!st.ok()) {
      Bad(in.display, st, true);
      return false;
    }
    DropByteOrderMark(&doc->text);
    doc->id = in.id;
    doc->date.clear(), doc->url.clear(), doc->title.clear(), doc->source.clear();
    doc->where = Locator{static_cast<uint32_t>(current_ - 1), 0, doc->text.size(), 0};
    where_ = in.display;
    return true;
  }

  bool NextJsonl(const InputFile& in, Document* doc) {
    if (!file_) {
      file_ = std::fopen(in.path.c_str(), "rb");
      if (!file_) {
        Bad(in.display, Status::IoError(std::string("cannot open: ") + std::strerror(errno)), true);
        ++current_;
        return false;
      }
      reader_ = std::make_unique<LineReader>(file_);
      line_no_ = 0;
      ++stats_.files;
    }
    uint64_t offset, length;
    while (reader_->Next(&line_, &offset, &length)) {
      ++line_no_;
      std::string where = in.display + ":" + std::to_string(line_no_);
      if (line_.find_first_not_of(" \t") == std::string::npos) continue;
      if (line_.size() > options_.max_document_bytes + 4096) {
        Bad(where, Status::InvalidArgument("record of " + std::to_string(line_.size()) +
                                           " bytes exceeds --max-doc-bytes; skipped"), true);
        if (!status_.ok()) return false;
        continue;
      }
      Utf8Repair rep = RepairUtf8(&line_);
      JsonRecord rec;
      Status st = ParseRecord(parser_, line_, options_, &rec);
      if (!st.ok()) {
        Bad(where, Status::Corrupt("malformed JSONL record skipped: " + st.message()), true);
        if (!status_.ok()) return false;
        continue;
      }
      if (rep.replaced > 0) {
        Bad(where, Status::Corrupt("invalid UTF-8 (" + std::to_string(rep.replaced) +
                                   " bytes, first at byte " + std::to_string(rep.first_bad_offset) +
                                   " of the line) replaced by U+FFFD"), false);
        if (!status_.ok()) return false;
        ++stats_.repaired_utf8;
      }
      doc->id = rec.has_id && !rec.id.empty() ? std::move(rec.id) : where;
      doc->text = std::move(rec.text);
      doc->date = std::move(rec.date);
      doc->url = std::move(rec.url);
      doc->title = std::move(rec.title);
      doc->source = std::move(rec.source);
      doc->where = Locator{static_cast<uint32_t>(current_), offset, length, line_no_};
      where_ = where;
      return true;
    }
    if (reader_->error()) Bad(in.display, Status::IoError("read error"), false);
    std::fclose(file_);
    file_ = nullptr;
    reader_.reset();
    ++current_;
    return false;
  }

  // Final checks shared by every kind of input. Returns false to skip the document.
  bool Accept(Document* doc) {
    if (doc->text.size() > options_.max_document_bytes) {
      Bad(where_, Status::InvalidArgument("document '" + doc->id + "' has " +
                                          std::to_string(doc->text.size()) +
                                          " bytes, over --max-doc-bytes; skipped"), true);
      return false;
    }
    if (files_[doc->where.file].kind == InputFile::Kind::kPlain) {
      Utf8Repair rep = RepairUtf8(&doc->text);
      if (rep.replaced > 0) {
        Bad(where_, Status::Corrupt("invalid UTF-8 (" + std::to_string(rep.replaced) +
                                    " bytes, first at byte " +
                                    std::to_string(rep.first_bad_offset) +
                                    ") replaced by U+FFFD"), false);
        if (!status_.ok()) return false;
        ++stats_.repaired_utf8;
      }
    }
    auto [it, inserted] = seen_ids_.try_emplace(doc->id, 1);
    if (!inserted) {
      std::string renamed;
      do {
        renamed = doc->id + "~" + std::to_string(++it->second);
      } while (seen_ids_.count(renamed));
      Bad(where_, Status::InvalidArgument("duplicate id '" + doc->id + "' renamed to '" +
                                          renamed + "'"), false);
      if (!status_.ok()) return false;
      seen_ids_.emplace(renamed, 1);
      doc->id = std::move(renamed);
      ++stats_.renamed_duplicates;
    }
    ++stats_.documents;
    stats_.bytes += doc->text.size();
    return true;
  }

  std::vector<InputFile> files_;
  mutable KeptFiles kept_files_;  // for Fetch, which is const
  ReadOptions options_;
  Reporter* reporter_;
  Status status_;
  ReadStats stats_;
  size_t current_ = 0;
  std::FILE* file_ = nullptr;
  std::unique_ptr<LineReader> reader_;
  uint64_t line_no_ = 0;
  std::string line_;
  std::string where_;
  simdjson::dom::parser parser_;
  std::unordered_map<std::string, int> seen_ids_;
  Temporaries temporaries_;  // removed with the source
};

// Copies stdin to a temporary file so that documents read from it can be fetched again.
Result<std::string> SpoolStdin(Temporaries* temporaries) {
  std::FILE* out = nullptr;
  auto path = temporaries->Create("stdin", &out);
  if (!path.ok()) return path.status();
  char buf[1 << 16];
  size_t n;
  bool ok = true;
  while (ok && (n = std::fread(buf, 1, sizeof buf, stdin)) > 0) ok = std::fwrite(buf, 1, n, out) == n;
  ok = (std::fclose(out) == 0) && ok;
  if (!ok) return Status::IoError("cannot spool stdin to " + path.value());
  return path;
}

// Compressed JSONL is decompressed into a temporary file before it is read: documents are
// re-read later by byte offset, which a compressed stream cannot seek to. The file takes the
// decompressed size on disk for as long as the source is open.
enum class Compression { kNone, kGzip, kZstd };

Compression CompressionOfName(std::string_view p) {
  for (auto [suffix, how] : {std::pair{std::string_view(".gz"), Compression::kGzip},
                             std::pair{std::string_view(".zst"), Compression::kZstd}})
    if (EndsWith(p, suffix) && IsJsonlPath(p.substr(0, p.size() - suffix.size()))) return how;
  return Compression::kNone;
}

// By the magic number at the start of the file: what stdin holds, and what a file holds whatever
// its name says.
Compression CompressionOfContent(const std::string& path) {
  unsigned char magic[4] = {0, 0, 0, 0};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Compression::kNone;
  size_t n = std::fread(magic, 1, sizeof magic, f);
  std::fclose(f);
  if (n >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return Compression::kGzip;
  if (n == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) return Compression::kZstd;
  return Compression::kNone;
}

Status Gunzip(const std::string& path, const std::string& display, std::FILE* out) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (!in) return Status::IoError(display + ": cannot open: " + std::strerror(errno));
  gzbuffer(in, 1 << 17);
  char buf[1 << 16];
  int n;
  bool written = true;
  while (written && (n = gzread(in, buf, sizeof buf)) > 0)
    written = std::fwrite(buf, 1, static_cast<size_t>(n), out) == static_cast<size_t>(n);
  Status st;
  int code = Z_OK;
  const char* why = gzerror(in, &code);
  if (!written) st = Status::IoError(display + ": cannot write its decompressed copy to a temporary file");
  else if (gzdirect(in)) st = Status::InvalidArgument(display + ": not gzip data (named .gz)");
  else if (code == Z_BUF_ERROR) st = Status::InvalidArgument(display + ": gzip data ends early (truncated file?)");
  else if (code != Z_OK) {
    std::string reason = why;  // zlib names the file itself: "PATH: unexpected end of file"
    if (reason.rfind(path + ": ", 0) == 0) reason.erase(0, path.size() + 2);
    st = Status::InvalidArgument(display + ": corrupt gzip data (" + reason + ")");
  }
  gzclose_r(in);
  return st;
}

Status Unzstd(const std::string& path, const std::string& display, std::FILE* out) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return Status::IoError(display + ": cannot open: " + std::strerror(errno));
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> ctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  std::vector<char> in_buf(ZSTD_DStreamInSize()), out_buf(ZSTD_DStreamOutSize());
  size_t pending = 0;  // ZSTD_decompressStream's last answer: 0 once a frame is complete
  Status st;
  size_t n;
  while (st.ok() && (n = std::fread(in_buf.data(), 1, in_buf.size(), in)) > 0) {
    ZSTD_inBuffer input{in_buf.data(), n, 0};
    while (st.ok() && input.pos < input.size) {
      ZSTD_outBuffer output{out_buf.data(), out_buf.size(), 0};
      pending = ZSTD_decompressStream(ctx.get(), &output, &input);
      if (ZSTD_isError(pending))
        st = Status::InvalidArgument(display + ": corrupt zstd data (" + ZSTD_getErrorName(pending) + ")");
      else if (std::fwrite(out_buf.data(), 1, output.pos, out) != output.pos)
        st = Status::IoError(display + ": cannot write its decompressed copy to a temporary file");
    }
  }
  if (st.ok() && std::ferror(in)) st = Status::IoError(display + ": read error");
  if (st.ok() && pending != 0) st = Status::InvalidArgument(display + ": zstd data ends early (truncated file?)");
  std::fclose(in);
  return st;
}

// The decompressed copy of `path` in a new temporary file.
Result<std::string> Decompress(const std::string& path, const std::string& display, Compression how,
                               Temporaries* temporaries) {
  std::FILE* out = nullptr;
  auto copy = temporaries->Create("decompressed", &out);
  if (!copy.ok()) return copy.status();
  Status st = how == Compression::kGzip ? Gunzip(path, display, out) : Unzstd(path, display, out);
  if (std::fclose(out) != 0 && st.ok()) st = Status::IoError("cannot write " + copy.value());
  if (!st.ok()) return st;
  return copy;
}

using DirectoryKey = std::pair<dev_t, ino_t>;

std::optional<DirectoryKey> KeyOf(const fs::path& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return std::nullopt;
  return DirectoryKey(st.st_dev, st.st_ino);
}

// The directories under `root` reached without following links.
std::set<DirectoryKey> RealDirectories(const fs::path& root) {
  std::set<DirectoryKey> out;
  if (auto key = KeyOf(root)) out.insert(*key);
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    std::error_code sec;
    if (it->is_directory(sec) && !it->is_symlink(sec))
      if (auto key = KeyOf(it->path())) out.insert(*key);
  }
  return out;
}

// Walks a directory in sorted order; unreadable subdirectories are reported, not skipped silently.
// Links to directories are followed, but a directory is read once: a link back to an ancestor
// would otherwise read the tree again and again until the path grew too long, and a link to a
// directory of the tree would read it twice. A directory is read under its own path where the
// tree has it (`real`). Ids are the paths as walked, relative to the root.
void CollectDirectory(const fs::path& root, const fs::path& dir, const std::string& display_root,
                      const std::set<DirectoryKey>& real, std::set<DirectoryKey>* visited,
                      std::vector<InputFile>* files, Reporter* reporter) {
  if (auto key = KeyOf(dir); key && !visited->insert(*key).second) {
    reporter->Warning(dir.string(), Status::InvalidArgument(
                                        "a link to a directory already read under another path; skipped"));
    return;
  }
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  if (ec) {
    reporter->Warning(dir.string(), Status::IoError("cannot read directory: " + ec.message() +
                                                    "; its documents are missing"));
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  for (const auto& e : entries) {
    std::error_code sec;
    if (e.is_directory(sec)) {
      if (e.is_symlink(sec)) {
        auto key = KeyOf(e.path());
        if (key && real.count(*key) && !visited->count(*key)) continue;  // read under its own path
      }
      CollectDirectory(root, e.path(), display_root, real, visited, files, reporter);
    } else if (e.is_regular_file(sec) && IsTextPath(e.path())) {
      std::string rel = e.path().lexically_relative(root).generic_string();
      files->push_back({e.path().string(), display_root + "/" + rel, rel, InputFile::Kind::kPlain});
    }
  }
}

class MemoryDocumentSource : public DocumentSource {
 public:
  explicit MemoryDocumentSource(std::vector<Document> docs) : docs_(std::move(docs)) {
    for (size_t i = 0; i < docs_.size(); ++i) docs_[i].where = Locator{0, i, docs_[i].text.size(), i + 1};
  }
  bool Next(Document* doc) override {
    if (next_ >= docs_.size()) return false;
    *doc = docs_[next_++];
    ++stats_.documents;
    stats_.bytes += doc->text.size();
    return true;
  }
  Status status() const override { return Status::Ok(); }
  const ReadStats& stats() const override { return stats_; }
  Result<std::string> Fetch(const Locator& where) const override {
    if (where.offset >= docs_.size()) return Status::Internal("bad locator");
    return docs_[where.offset].text;
  }
  std::string DisplayName(const Locator&) const override { return "memory"; }

 private:
  std::vector<Document> docs_;
  size_t next_ = 0;
  ReadStats stats_;
};

}  // namespace

Result<std::unique_ptr<DocumentSource>> OpenInputs(const std::vector<std::string>& inputs,
                                                   const ReadOptions& options, Reporter* reporter) {
  COPYTRAIL_RETURN_IF_ERROR(options.Validate());
  if (inputs.empty()) return Status::InvalidArgument("no input given");
  std::vector<InputFile> files;
  Temporaries temporaries;
  int stdin_uses = 0;
  for (const std::string& input : inputs) {
    if (input == "-") {
      if (++stdin_uses > 1) return Status::InvalidArgument("'-' (stdin) given more than once");
      auto spooled = SpoolStdin(&temporaries);
      if (!spooled.ok()) return spooled.status();
      std::string path = spooled.value();
      if (Compression how = CompressionOfContent(path); how != Compression::kNone) {
        auto plain = Decompress(path, "-", how, &temporaries);
        if (!plain.ok()) return plain.status();
        temporaries.Remove(path);
        path = plain.value();
      }
      files.push_back({path, "-", "", InputFile::Kind::kJsonl});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(input + ": no such file or directory");
    if (fs::is_directory(st)) {
      if (access(input.c_str(), R_OK | X_OK) != 0)
        return Status::IoError(input + ": cannot read directory: " + std::strerror(errno));
      std::string display = input;
      while (display.size() > 1 && display.back() == '/') display.pop_back();
      std::set<DirectoryKey> visited;
      CollectDirectory(fs::path(input), fs::path(input), display, RealDirectories(input), &visited, &files,
                       reporter);
    } else {
      if (access(input.c_str(), R_OK) != 0)
        return Status::IoError(input + ": cannot read: " + std::strerror(errno));
      // The name says what a file should hold; its first bytes, what it does. A .jsonl file that
      // holds gzip is read as such; compressed data under any other name is refused, as one plain
      // document it would be binary noise, "repaired" as invalid UTF-8.
      const Compression named = CompressionOfName(input), found = CompressionOfContent(input);
      if (named != Compression::kNone || (found != Compression::kNone && IsJsonlPath(input))) {
        auto plain = Decompress(input, input, named != Compression::kNone ? named : found, &temporaries);
        if (!plain.ok()) return plain.status();
        files.push_back({plain.value(), input, input, InputFile::Kind::kJsonl});
        continue;
      }
      if (found != Compression::kNone)
        return Status::InvalidArgument(input + ": compressed data; copytrail reads compressed JSONL named "
                                       ".jsonl.gz or .jsonl.zst, or from stdin (scan - < FILE)");
      files.push_back({input, input, input,
                       IsJsonlPath(input) ? InputFile::Kind::kJsonl : InputFile::Kind::kPlain});
    }
  }
  return std::unique_ptr<DocumentSource>(
      std::make_unique<FileSource>(std::move(files), options, reporter, std::move(temporaries)));
}

std::unique_ptr<DocumentSource> MemorySource(std::vector<Document> docs) {
  return std::make_unique<MemoryDocumentSource>(std::move(docs));
}

}  // namespace copytrail
