package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The archive never opens a network connection. Two checks keep it so:
// none of the project's own code imports a networking package or calls a
// library's fetch-by-URL function, and the whole command-line flow passes
// in a network namespace with no interfaces, with no Internet socket
// opened (checked with strace where it is installed).

var networkImports = []string{"net", "net/http", "net/rpc", "net/smtp", "net/mail", "crypto/tls", "net/http/httputil"}

func TestNoCodeDials(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			for _, banned := range networkImports {
				if p == banned {
					t.Errorf("%s imports %s", path, p)
				}
			}
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, call := range []string{"FromURL(", "http.Get(", "net.Dial"} {
			if strings.Contains(string(src), call) {
				t.Errorf("%s calls %s", path, call)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOfflineInEmptyNetworkNamespace(t *testing.T) {
	if os.Getenv("KHOVANBAN_IN_NETNS") != "" {
		t.Skip("already inside")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil || os.Geteuid() != 0 {
		t.Skip("needs root and unshare")
	}
	args := []string{"-n", os.Args[0], "-test.run=^TestCommandLine$", "-test.count=1", "-test.v"}
	if tr, err := exec.LookPath("strace"); err == nil {
		trace := filepath.Join(t.TempDir(), "trace")
		args = append([]string{"-n", tr, "-f", "-qq", "-e", "trace=socket,connect", "-o", trace}, args[1:]...)
		defer func() {
			data, _ := os.ReadFile(trace)
			for _, line := range strings.Split(string(data), "\n") {
				if strings.Contains(line, "AF_INET") {
					t.Errorf("a socket was opened: %s", line)
				}
			}
			t.Logf("strace: %d socket or connect calls, none to the Internet", strings.Count(string(data), "socket("))
		}()
	} else {
		t.Log("strace not installed: only the namespace check runs")
	}
	cmd := exec.Command(unshare, args...)
	cmd.Env = append(os.Environ(), "KHOVANBAN_IN_NETNS=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "Operation not permitted") {
			t.Skipf("no network namespaces here: %s", out)
		}
		t.Fatalf("command-line flow without a network: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestCommandLine") {
		t.Fatalf("flow did not run:\n%s", out)
	}
}
