// Running the real binary from tests: capture output and exit status, or
// start a long-running server and read its first line.
#pragma once

#include <array>
#include <csignal>
#include <cstdio>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace tiltas::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// Quotes one argument for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

inline CommandResult run_command(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A child process whose stdout is read line by line; killed with SIGTERM
// (then waited for) when the object dies.
class ChildProcess {
 public:
  explicit ChildProcess(const std::string& command) {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = ::fdopen(fds[0], "r");
  }
  ~ChildProcess() {
    stop();
    if (out_) std::fclose(out_);
  }
  // The next line of the child's stdout, or "" at end of file.
  std::string read_line() {
    std::string line;
    if (!out_) return line;
    int c;
    while ((c = std::fgetc(out_)) != EOF && c != '\n') line.push_back(static_cast<char>(c));
    return line;
  }
  // Sends SIGTERM and returns the exit status (-1 if killed by a signal).
  int stop() { return signal_and_wait(SIGTERM); }
  // Sends `sig` (SIGKILL to simulate a crash) and waits for the child.
  int signal_and_wait(int sig) {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }

 private:
  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  int exit_code_ = -1;
};

// Reads `import --progress lines` output from `child` until a line reports
// at least `documents` committed documents; "" when the import ended first.
// Progress comes per committed batch, so a SIGKILL right after lands
// between or inside later batches, never before these documents.
inline std::string wait_for_progress(ChildProcess& child, unsigned long documents) {
  for (;;) {
    std::string line = child.read_line();
    if (line.empty()) return line;
    if (line.rfind("progress ", 0) == 0 && std::stoul(line.substr(9)) >= documents) return line;
  }
}

}  // namespace tiltas::testing
