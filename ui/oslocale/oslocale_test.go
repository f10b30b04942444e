package oslocale

import (
	"runtime"
	"testing"
)

func TestAdjust(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		t.Skip("the locale comes from the system, not the environment")
	}
	cases := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"C.UTF-8", map[string]string{"LANG": "C.UTF-8"}, "vi"},
		{"LC_ALL wins", map[string]string{"LC_ALL": "C.UTF-8", "LANG": "vi_VN.UTF-8"}, "vi"},
		{"LC_MESSAGES", map[string]string{"LC_MESSAGES": "C.utf8"}, "vi"},
		{"plain C", map[string]string{"LANG": "C"}, ""},
		{"POSIX", map[string]string{"LANG": "POSIX"}, ""},
		{"none", map[string]string{}, ""},
		{"real locale", map[string]string{"LANG": "en_US.UTF-8"}, ""},
		{"real LC_ALL over C LANG", map[string]string{"LC_ALL": "vi_VN.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"LANGUAGE kept", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, "en"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range c.env {
				env[k] = v
			}
			Adjust(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if env["LANGUAGE"] != c.want {
				t.Errorf("LANGUAGE=%q, want %q", env["LANGUAGE"], c.want)
			}
		})
	}
}
