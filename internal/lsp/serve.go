package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"go.lsp.dev/jsonrpc2"
)

// maxMessage bounds one message's Content-Length: a buffer of the largest
// guide (lint.DefaultMaxFileSize) escaped into JSON fits many times over,
// and a hostile length cannot make the server allocate gigabytes.
const maxMessage = 64 << 20

// Serve runs the server over in and out (stdio) until the client sends
// "exit", the input ends or ctx is done. The error is nil after a
// shutdown request and exit, as LSP wants, and otherwise says why the
// connection ended.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	st := &stream{in: bufio.NewReader(in), out: out, closer: cancel}
	conn := jsonrpc2.NewConn(st)
	opts.Notify = func(ctx context.Context, method string, params any) error {
		return conn.Notify(ctx, method, params)
	}
	s := New(opts)
	var exited atomic.Bool
	conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == "exit" {
			exited.Store(true)
			cancel()
			return conn.Close()
		}
		result, err := s.Handle(ctx, req.Method(), json.RawMessage(req.Params()))
		if _, call := req.(*jsonrpc2.Call); !call {
			if err != nil {
				s.logf("%s: %v", req.Method(), err)
			}
			return nil
		}
		return reply(ctx, result, err)
	})
	select {
	case <-conn.Done():
	case <-ctx.Done():
		// The reader may be blocked on the input, which only the client
		// can end: do not wait for it.
		conn.Close()
	}
	s.mu.Lock()
	down := s.shutdown
	s.mu.Unlock()
	if exited.Load() {
		if !down {
			return errors.New("exit without shutdown")
		}
		return nil
	}
	if err := conn.Err(); err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// stream is jsonrpc2's LSP framing (Content-Length headers), made to
// survive a broken client: a message that is not JSON-RPC, or a header
// that makes no sense, gets a ParseError or InvalidRequest reply and the
// stream reads on, where jsonrpc2's own stream would end the connection;
// a length over maxMessage is refused without reading it into memory.
type stream struct {
	in     *bufio.Reader
	out    io.Writer
	closer func()
	wmu    sync.Mutex
	closed bool
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		length, total, err := s.header()
		if err != nil {
			var bad *badFrame
			if errors.As(err, &bad) {
				s.refuse(jsonrpc2.ParseError, bad.msg)
				continue
			}
			return nil, total, err
		}
		if length > maxMessage {
			if _, err := io.CopyN(io.Discard, s.in, length); err != nil {
				return nil, total, err
			}
			s.refuse(jsonrpc2.InvalidRequest, fmt.Sprintf("message of %d bytes refused: the limit is %d", length, maxMessage))
			continue
		}
		data := make([]byte, length)
		if _, err := io.ReadFull(s.in, data); err != nil {
			return nil, total, err
		}
		total += length
		msg, err := jsonrpc2.DecodeMessage(data)
		if err != nil {
			code := jsonrpc2.ParseError
			if json.Valid(data) {
				code = jsonrpc2.InvalidRequest
			}
			s.refuse(code, "not a JSON-RPC 2.0 message: "+err.Error())
			continue
		}
		return msg, total, nil
	}
}

// badFrame is a header the stream skips, answering a ParseError.
type badFrame struct{ msg string }

func (b *badFrame) Error() string { return b.msg }

// header reads one message's headers and returns its Content-Length.
func (s *stream) header() (length, total int64, err error) {
	length = -1
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			return 0, total, err
		}
		if len(line) > 8<<10 {
			return 0, total, &badFrame{"header line too long"}
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				if total <= 2 {
					continue // stray blank lines between messages
				}
				return 0, total, &badFrame{"missing Content-Length header"}
			}
			return length, total, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return 0, total, &badFrame{fmt.Sprintf("invalid header line %q", line)}
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				return 0, total, &badFrame{fmt.Sprintf("invalid Content-Length %q", value)}
			}
			length = n
		}
	}
}

// refuse writes an error reply with a null id: the message it answers
// had no id the server could read.
func (s *stream) refuse(code jsonrpc2.Code, msg string) {
	body, _ := json.Marshal(struct {
		JSONRPC string `json:"jsonrpc"`
		ID      any    `json:"id"`
		Error   any    `json:"error"`
	}{"2.0", nil, map[string]any{"code": code, "message": msg}})
	s.write(body)
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	body, err := json.Marshal(msg)
	if err != nil {
		return 0, err
	}
	return s.write(body)
}

func (s *stream) write(body []byte) (int64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed {
		return 0, io.ErrClosedPipe
	}
	n, err := fmt.Fprintf(s.out, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return int64(n), err
}

func (s *stream) Close() error {
	s.wmu.Lock()
	s.closed = true
	s.wmu.Unlock()
	s.closer()
	return nil
}
