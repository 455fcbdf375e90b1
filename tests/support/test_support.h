#pragma once
// Helpers shared by the tests (and the benches): temporary directories, files, and seeded
// documents with controlled edits.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "copytrail/document_source.h"

namespace copytrail::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "copytrail-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_; }
  std::string Write(const std::string& name, const std::string& content) const {
    std::filesystem::path p = std::filesystem::path(path_) / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::string path_;
};

// Deterministic pseudo-English text: `words` words drawn from a vocabulary of `vocab` made-up
// words, split into sentences of 12-20 words.
inline std::string RandomText(uint64_t seed, int words, int vocab = 5000) {
  std::mt19937_64 rng(seed);
  std::string out;
  int in_sentence = 0, sentence_len = 12 + static_cast<int>(rng() % 9);
  for (int i = 0; i < words; ++i) {
    uint64_t w = rng() % static_cast<uint64_t>(vocab);
    std::string word;
    do {
      word += static_cast<char>('a' + w % 26);
      w /= 26;
    } while (w > 0);
    word += "ex";
    if (in_sentence == 0) word[0] = static_cast<char>(word[0] - 32);
    out += word;
    if (++in_sentence == sentence_len) {
      out += ". ";
      in_sentence = 0;
      sentence_len = 12 + static_cast<int>(rng() % 9);
    } else {
      out += ' ';
    }
  }
  return out;
}

inline Document Doc(std::string id, std::string text, std::string date = "") {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.date = std::move(date);
  return d;
}

inline std::string SourceDir() { return COPYTRAIL_SOURCE_DIR; }

// The contents of a file of the repository, by its path from the top ("" if it cannot be read).
inline std::string SourceFile(const std::string& path) {
  std::ifstream in(SourceDir() + "/" + path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace copytrail::testing
