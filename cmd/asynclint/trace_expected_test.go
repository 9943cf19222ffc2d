package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// expectingSuite is a pytest suite whose tests provoke, on purpose and
// inside pytest.raises or assertRaises, what the runtime reports for
// AL304, AL401 and AL103 (and the coroutine asyncio.run never ran); one
// test provokes AL304 where no test expects it, and one background task
// reuses a coroutine while a test waits inside pytest.raises.
const expectingSuite = `import asyncio
import concurrent.futures
import unittest

import pytest


async def inner():
    return 1


def run_nested():
    return asyncio.run(inner())  # nested, expected


def run_nested_unexpected():
    return asyncio.run(inner())  # nested, not expected


@pytest.mark.asyncio
async def test_nested_loop_expected():
    with pytest.raises(RuntimeError):
        run_nested()


@pytest.mark.asyncio
async def test_nested_loop_expected_callable():
    pytest.raises(RuntimeError, asyncio.run, inner())  # callable, expected


@pytest.mark.asyncio
async def test_awaited_future_expected():
    with pytest.raises(TypeError):
        await concurrent.futures.Future()  # awaited future


@pytest.mark.asyncio
async def test_reused_expected():
    c = inner()
    await c
    with pytest.raises(RuntimeError, match="reuse"):
        await c  # reused, expected


@pytest.mark.asyncio
async def test_nested_loop_unexpected():
    try:
        run_nested_unexpected()
    except RuntimeError:
        pass


@pytest.mark.asyncio
async def test_background_task_is_not_the_test():
    started = asyncio.Event()

    async def background():
        await started.wait()
        c = inner()
        await c
        try:
            await c  # reused in the background
        except RuntimeError:
            pass

    task = asyncio.create_task(background())
    with pytest.raises(RuntimeError):
        started.set()
        await asyncio.sleep(0.01)
        raise RuntimeError("the test's own")
    await task


class UnittestStyle(unittest.IsolatedAsyncioTestCase):
    async def test_nested_loop_expected(self):
        with self.assertRaises(RuntimeError):
            run_nested()

    async def test_awaited_future_expected(self):
        with self.assertRaises(TypeError):
            await concurrent.futures.Future()  # awaited future, unittest

    async def test_nested_loop_expected_callable(self):
        self.assertRaises(RuntimeError, asyncio.run, inner())  # callable, unittest
`

// importedLater is a script that imports pytest and unittest after
// asyncio, when the recorder is already installed.
const importedLater = `import asyncio
import sys

assert "_pytest.python_api" not in sys.modules and "unittest.case" not in sys.modules
import pytest
import unittest


async def inner():
    return 1


async def main():
    with pytest.raises(RuntimeError):
        asyncio.run(inner())  # pytest context
    pytest.raises(RuntimeError, asyncio.run, inner())  # pytest callable
    with unittest.TestCase().assertRaises(RuntimeError):
        asyncio.run(inner())  # unittest context
    unittest.TestCase().assertRaises(RuntimeError, asyncio.run, inner())  # unittest callable


asyncio.run(main())
`

// TestTraceExpectedExceptions: what a test provokes inside pytest.raises
// (as a context or with a callable) or assertRaises neither confirms a
// finding nor is reported runtime-only; the same event where no test
// expects it still is, and so is another task's, run while the test waits
// inside the block, confirms.
func TestTraceExpectedExceptions(t *testing.T) {
	requirePytest(t)
	dir := t.TempDir()
	write(t, dir, "tests/test_expecting.py", expectingSuite)
	t.Chdir(dir)
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	report := filepath.Join(dir, "report.json")
	code, out, errs := runCLI("trace", "--no-config", "--format", "json", "--output-file", report, "tests", "--",
		debianPython, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
	if code != 1 || !strings.Contains(out, "9 passed") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct{ Diagnostics []jsonFinding }
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	checkFindings(t, rep.Diagnostics, []traceFinding{
		{"tests/test_expecting.py", "# nested, expected", "AL304", ""},
		{"tests/test_expecting.py", "# nested, not expected", "AL304", "confirmed"},
		{"tests/test_expecting.py", "# reused in the background", "AL103", "confirmed"},
	})

	// The same expectations, with pytest and unittest imported after the
	// recorder was installed.
	write(t, dir, "late.py", importedLater)
	code, out, errs = runCLI("trace", "--no-config", "--format", "json", "--output-file", report, "late.py", "--", debianPython, "late.py")
	if code != 1 || !strings.Contains(errs, "exited with status 0") {
		t.Fatalf("late.py: exit %d\n%s\n%s", code, out, errs)
	}
	if data, err = os.ReadFile(report); err != nil {
		t.Fatal(err)
	}
	var late struct{ Diagnostics []jsonFinding }
	if err := json.Unmarshal(data, &late); err != nil {
		t.Fatal(err)
	}
	checkFindings(t, late.Diagnostics, []traceFinding{
		{"late.py", "# pytest context", "AL304", ""},
		{"late.py", "# unittest context", "AL304", ""},
	})
}
