#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal of a given size and answers JSON commands (one per line on stdin)
with JSON replies (one per line on stdout): the bench's eyes and fingers. Counts every byte the program writes,
and reads the terminal all the time, between commands too, as a terminal does: a program whose terminal is not
read blocks in its writes (a TTY write is synchronous in Node), which would stall what the bench measures.

usage: pty_driver.py COLS ROWS -- COMMAND...
ops: wait {text, timeout} | mark | send {data} | bytes {seconds} | latency {pairs, n} | rss | cpu | events {from} | text {n} | quit {data, timeout}
"""
import fcntl, json, os, pty, random, re, select, signal, struct, sys, termios, time

ANSI = re.compile(rb'\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMNOZc]')

cols, rows = int(sys.argv[1]), int(sys.argv[2])
cmd = sys.argv[sys.argv.index('--') + 1:]
ev_r, ev_w = os.pipe()
os.set_inheritable(ev_w, True)
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    env = dict(os.environ)
    env.pop('CI', None)
    env.pop('CONTINUOUS_INTEGRATION', None)
    env['TERM'] = 'xterm-256color'
    env['SUNBEAM_BENCH_FD'] = str(ev_w)
    os.execvpe(cmd[0], cmd, env)
os.close(ev_w)

total = 0          # every byte the program wrote to the terminal
reads = 0
search = b''       # output since the last mark, escapes stripped, for markers
first_byte = None
events = []
ev_buf = b''
exited = None
closed = set()     # the pty and the event pipe once they reached EOF
inbuf = b''        # requests read from stdin, not yet handled


def now():
    return time.monotonic() - t0


def pump(timeout):
    """Reads whatever arrives within `timeout` seconds."""
    global total, reads, search, first_byte, ev_buf, exited
    end = time.monotonic() + timeout
    while True:
        left = end - time.monotonic()
        fds = [f for f in (fd, ev_r) if f not in closed]
        r, _, _ = select.select(fds, [], [], max(0, left))
        if not r:
            break
        for f in r:
            try:
                data = os.read(f, 65536)
            except OSError:
                data = b''
            if not data:
                closed.add(f)
            if f == fd:
                if not data:
                    exited = exited or now()
                    return
                if first_byte is None:
                    first_byte = now()
                total += len(data)
                reads += 1
                search = (search + ANSI.sub(b'', data))[-200000:]
            else:
                ev_buf += data
                while b'\n' in ev_buf:
                    line, ev_buf = ev_buf.split(b'\n', 1)
                    try:
                        events.append(json.loads(line))
                    except ValueError:
                        pass
        if time.monotonic() >= end:
            break


def wait_text(text, timeout):
    t_end = time.monotonic() + timeout
    needle = text.encode()
    while time.monotonic() < t_end:
        if needle in search:
            return True
        pump(0.005)
        if exited:
            return needle in search
    return needle in search


def cpu_seconds():
    """The program's user + system CPU time so far (utime + stime of /proc/PID/stat), in seconds."""
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        # after the command's name: state is field 3 of stat(5), utime 14 and stime 15
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError, ValueError):
        return None


def reply(obj):
    sys.stdout.write(json.dumps(obj) + '\n')
    sys.stdout.flush()


def rss_kb():
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        return None


def next_request():
    """The next request from stdin (None at its end), reading the terminal while none is there."""
    global inbuf
    while b'\n' not in inbuf:
        r, _, _ = select.select([0] + [f for f in (fd, ev_r) if f not in closed], [], [])
        if 0 in r:
            data = os.read(0, 65536)
            if not data:
                return None
            inbuf += data
        if fd in r or ev_r in r:
            pump(0)
    line, inbuf = inbuf.split(b'\n', 1)
    return json.loads(line)


while True:
    req = next_request()
    if req is None:
        break
    op = req['op']
    if op == 'wait':
        ok = wait_text(req['text'], req.get('timeout', 20))
        reply({'ok': ok, 't': now(), 'firstByte': first_byte})
    elif op == 'mark':
        pump(0)
        search = b''
        reply({'ok': True})
    elif op == 'send':
        os.write(fd, req['data'].encode())
        reply({'ok': True, 't': now()})
    elif op == 'bytes':
        pump(0)
        b0, r0, s = total, reads, time.monotonic()
        pump(req['seconds'])
        reply({'ok': True, 'bytes': total - b0, 'writes': reads - r0, 'seconds': time.monotonic() - s})
    elif op == 'latency':
        out = []
        pairs = req['pairs']
        for i in range(req['n']):
            key, marker = pairs[i % len(pairs)]
            pump(0)
            search = b''
            start = time.monotonic()
            os.write(fd, key.encode())
            ok = wait_text(marker, 5)
            out.append((time.monotonic() - start) * 1000 if ok else None)
            pump(random.uniform(0.05, 0.15))
        reply({'ok': True, 'ms': out})
    elif op == 'rss':
        pump(0)
        reply({'ok': True, 'kb': rss_kb()})
    elif op == 'text':
        pump(0)
        reply({'ok': True, 'text': search[-req.get('n', 2000):].decode('utf-8', 'replace')})
    elif op == 'cpu':
        pump(0)
        reply({'ok': True, 'seconds': cpu_seconds(), 'kb': rss_kb(), 't': now()})
    elif op == 'events':
        pump(0)
        reply({'ok': True, 'events': events[req.get('from', 0):], 'next': len(events)})
    elif op == 'quit':
        pump(0)
        s = time.monotonic()
        os.write(fd, req.get('data', 'q').encode())
        t_end = s + req.get('timeout', 10)
        status = None
        while time.monotonic() < t_end:
            pump(0.05)
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(st)
                break
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        reply({'ok': status is not None, 'exit': status, 'ms': (time.monotonic() - s) * 1000})
        break
