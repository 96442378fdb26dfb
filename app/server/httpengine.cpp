// SPDX-License-Identifier: MIT
// The HTTP engine on Boost.Beast, in the shape of Beast's "advanced server" example: a listener,
// a session per connection, a deadline on every read and write. Differences: one io_context per
// I/O thread (a session runs on the thread that accepted it into its context, so no strand is
// needed and per-thread state such as a database connection stays on its thread), one request
// at a time per connection (a pipelined request is read from the buffer only after the previous
// answer is written: bounded memory, linear time), and every limit refused with an answer.
#include "httpengine.h"

#include "security/clientaddress.h"
#include "security/secret.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/optional.hpp>

#include <QHash>

#include <openssl/ssl.h>

#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace td {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

using Parser = http::request_parser<http::string_body>;
using Response = http::response<http::string_body>;
using Ms = std::chrono::milliseconds;

/// After a refusal the connection is closed once the answer is out; what the client still sends
/// is read and dropped for a moment first, so the close does not become a reset that destroys
/// the answer before the client read it.
constexpr int DrainMs = 300;
constexpr std::size_t DrainBytes = 1024 * 1024;
constexpr std::size_t FirstReadBytes = 4096;

/// Closes a connection's socket. Answers the client has not taken — its receive window stays
/// closed: it does not read — are dropped with a reset (SO_LINGER 0). A plain close would leave
/// them, and the FIN queued behind them, to the kernel for minutes, and the client would never
/// learn that the connection is gone (nginx's reset_timedout_connection does the same).
void closeSocket(tcp::socket &socket)
{
    int unsent = 0;
    beast::error_code ignored;
    if (socket.is_open() && ::ioctl(socket.native_handle(), SIOCOUTQNSD, &unsent) == 0 &&
        unsent > 0)
        socket.set_option(net::socket_base::linger(true, 0), ignored);
    socket.close(ignored);
}

struct Verdict
{
    int status = 0;
    const char *reason = "";
    explicit operator bool() const { return status != 0; }
};

bool isHttpError(const beast::error_code &ec)
{
    return ec.category() == http::make_error_code(http::error::bad_method).category();
}

/// What a parse error of Beast's parser means for the client.
Verdict verdictForError(const beast::error_code &ec)
{
    if (ec == http::error::header_limit)
        return {431, "request header section too large"};
    if (ec == http::error::body_limit)
        return {413, "request body too large"};
    if (ec == http::error::buffer_overflow)
        return {431, "request header section too large"};
    if (ec == http::error::bad_content_length)
        return {400, "invalid or conflicting Content-Length"};
    if (ec == http::error::bad_transfer_encoding)
        return {400, "Transfer-Encoding with Content-Length, or twice"};
    if (ec == http::error::bad_line_ending)
        return {400, "malformed request: lines must end with CR LF"};
    if (ec == http::error::bad_field)
        return {400, "malformed request: invalid header field name"};
    if (ec == http::error::bad_value)
        return {400, "malformed request: invalid header field value"};
    if (ec == http::error::bad_version)
        return {400, "malformed request: unsupported HTTP version"};
    return {400, "malformed request"};
}

/// The framing rules beyond Beast's own, on a parsed head: a request body is framed by one
/// Content-Length or not at all. A Transfer-Encoding (even with a Content-Length Beast would
/// otherwise believe when the coding is not chunked) and duplicate or listed lengths are
/// refused, so no proxy in front can read this request's end differently.
Verdict verdictForHead(const Parser &parser)
{
    const auto &h = parser.get();
    const std::size_t te = h.count(http::field::transfer_encoding);
    const std::size_t cl = h.count(http::field::content_length);
    if (te > 0) {
        if (cl > 0)
            return {400, "Transfer-Encoding with Content-Length"};
        if (te == 1 && beast::iequals(h[http::field::transfer_encoding], "chunked"))
            return {411, "chunked request bodies are not accepted"};
        return {400, "unsupported Transfer-Encoding"};
    }
    if (cl > 1)
        return {400, "more than one Content-Length"};
    if (cl == 1 && h[http::field::content_length].find(',') != beast::string_view::npos)
        return {400, "invalid or conflicting Content-Length"};
    return {};
}

void applyLimits(Parser &parser, const ServerLimits &limits)
{
    parser.header_limit(std::uint32_t(limits.maxHeaderBytes));
    parser.body_limit(std::uint64_t(limits.maxBodyBytes));
}

/// Beast's header_limit bounds the part of a head not parsed yet, not the whole head: fields
/// that arrive in pieces are parsed piece by piece and would add up without end. So the engine
/// counts what the parser took of the head and, after each piece, gives it only what is left.
/// False when the head is over the limit.
bool chargeHead(Parser &parser, std::size_t &headBytes, std::size_t consumed,
                const ServerLimits &limits)
{
    headBytes += consumed;
    const std::size_t limit = std::size_t(limits.maxHeaderBytes);
    if (headBytes > limit || (!parser.is_header_done() && headBytes >= limit))
        return false;
    if (!parser.is_header_done())
        parser.header_limit(std::uint32_t(limit - headBytes));
    return true;
}

const Verdict HeadTooLarge{431, "request header section too large"};

QByteArray bytes(beast::string_view s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

HttpRequest toRequest(Parser &parser, const QString &address, bool tls)
{
    auto &m = parser.get();
    HttpRequest r;
    r.method = bytes(m.method_string());
    r.target = bytes(m.target());
    r.headers.reserve(qsizetype(std::distance(m.begin(), m.end())));
    for (const auto &f : m)
        r.headers.emplaceBack(bytes(f.name_string()), bytes(f.value()));
    r.body = QByteArray(m.body().data(), qsizetype(m.body().size()));
    r.address = address;
    r.tls = tls;
    r.keepAlive = m.keep_alive();
    r.version = int(m.version());
    return r;
}

Response makeResponse(const HttpReply &reply, bool close, bool tls)
{
    Response res;
    res.version(11);
    res.result(unsigned(reply.status));
    for (const auto &[name, value] : reply.headers)
        res.insert(beast::string_view(name.constData(), std::size_t(name.size())),
                   beast::string_view(value.constData(), std::size_t(value.size())));
    if (reply.status != 204) {
        res.set(http::field::content_type,
                beast::string_view(reply.contentType.constData(),
                                   std::size_t(reply.contentType.size())));
        res.body().assign(reply.body.constData(), std::size_t(reply.body.size()));
    }
    res.set(http::field::cache_control, "no-store");
    if (tls)
        res.set(http::field::strict_transport_security, "max-age=31536000");
    res.keep_alive(!close);
    res.prepare_payload();
    return res;
}

HttpReply refusalReply(int status, const char *reason)
{
    HttpReply r;
    r.status = status;
    QByteArray body = R"({"error":"invalid_request","error_description":")";
    body += reason; // fixed ASCII texts without quotes or backslashes
    body += "\"}";
    r.body = body;
    if (status == 503 || status == 429)
        r.headers.emplaceBack("Retry-After", "1");
    return r;
}

QString peerAddress(const tcp::socket &socket)
{
    beast::error_code ec;
    const tcp::endpoint peer = socket.remote_endpoint(ec);
    if (ec)
        return QStringLiteral("unknown");
    net::ip::address a = peer.address();
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        a = net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
    return QString::fromStdString(a.to_string());
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[k, v] : headers)
        if (QByteArrayView(k).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> out;
    for (const auto &[k, v] : headers)
        if (QByteArrayView(k).compare(name, Qt::CaseInsensitive) == 0)
            out << v;
    return out;
}

ParsedRequest parseHttpRequest(QByteArrayView input, const ServerLimits &limits)
{
    ParsedRequest out;
    Parser parser;
    applyLimits(parser, limits);
    parser.eager(false);
    std::size_t used = 0;
    std::size_t headBytes = 0;
    const char *data = input.data();
    const std::size_t size = std::size_t(input.size());
    // Feeds the input until the parser has what it wants (the head, then the whole request),
    // an error, or the input ends.
    auto feed = [&](beast::error_code &ec) {
        for (;;) {
            if (parser.eager() ? parser.is_done() : parser.is_header_done())
                return;
            if (used >= size)
                return;
            const bool inHead = !parser.is_header_done();
            const std::size_t n = parser.put(net::buffer(data + used, size - used), ec);
            used += n;
            if (inHead && (!ec || ec == http::error::need_more) &&
                !chargeHead(parser, headBytes, n, limits)) {
                ec = http::error::header_limit;
                return;
            }
            if (ec == http::error::need_more) {
                ec = {};
                if (n == 0)
                    return;
            } else if (ec) {
                return;
            }
        }
    };
    beast::error_code ec;
    feed(ec);
    if (ec) {
        const Verdict v = verdictForError(ec);
        out.refusal = v.status;
        out.reason = v.reason;
        out.consumed = qsizetype(used);
        return out;
    }
    if (!parser.is_header_done())
        return out;
    if (const Verdict v = verdictForHead(parser)) {
        out.refusal = v.status;
        out.reason = v.reason;
        out.consumed = qsizetype(used);
        return out;
    }
    parser.eager(true);
    feed(ec);
    if (ec) {
        const Verdict v = verdictForError(ec);
        out.refusal = v.status;
        out.reason = v.reason;
        out.consumed = qsizetype(used);
        return out;
    }
    if (!parser.is_done())
        return out;
    out.request = toRequest(parser, QStringLiteral("127.0.0.1"), false);
    out.consumed = qsizetype(used);
    return out;
}

QByteArray serializeHttpReply(const HttpReply &reply, bool close, bool tls)
{
    std::ostringstream os;
    os << makeResponse(reply, close, tls);
    const std::string s = os.str();
    return QByteArray(s.data(), qsizetype(s.size()));
}

// ---- the engine --------------------------------------------------------------------------------

struct IoThread
{
    net::io_context ioc{1};
    net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(ioc);
    std::thread thread;
};

struct HttpEngine::Impl
{
    ServerLimits limits;
    Hooks hooks;
    std::optional<ssl::context> tls;
    std::vector<std::unique_ptr<IoThread>> threads;
    std::optional<tcp::acceptor> acceptor;
    std::optional<net::steady_timer> acceptRetry;
    std::size_t next = 0;
    std::atomic<bool> stopping{false};

    std::mutex countMutex;
    QHash<QString, int> perClient;
    std::atomic<int> connections{0};

    void doAccept();
    void onAccept(beast::error_code ec, tcp::socket socket);
    /// Counts a new connection; 0 when it may stay, else the status to refuse it with.
    int admit(const QString &key);
    void release(const QString &key);
    void refused(const QString &address, int status, const char *reason)
    {
        if (hooks.refused)
            hooks.refused(address, status, reason);
    }
};

namespace {

/// A connection's place in the counts, given back when the session ends.
class Slot
{
public:
    Slot(HttpEngine::Impl &engine, QString key, bool counted)
        : m_engine(engine)
        , m_key(std::move(key))
        , m_counted(counted)
    {}
    ~Slot()
    {
        if (m_counted)
            m_engine.release(m_key);
    }
    Slot(const Slot &) = delete;
    Slot &operator=(const Slot &) = delete;

private:
    HttpEngine::Impl &m_engine;
    QString m_key;
    bool m_counted;
};

/// One connection: reads a request, hands it to the engine's handler, writes the answer, and
/// again. The derived class provides stream() and the ways to close (plain TCP or TLS).
template<class Derived> class Session
{
public:
    Session(HttpEngine::Impl &engine, int thread, QString address, QString key, bool counted)
        : m_engine(engine)
        , m_thread(thread)
        , m_address(std::move(address))
        , m_slot(engine, std::move(key), counted)
        , m_buffer(std::size_t(engine.limits.maxHeaderBytes + engine.limits.maxBodyBytes) + 65536)
        , m_deadline(engine.threads[std::size_t(thread)]->ioc)
    {}

protected:
    Derived &derived() { return static_cast<Derived &>(*this); }
    beast::tcp_stream &lowest() { return beast::get_lowest_layer(derived().stream()); }
    const ServerLimits &limits() const { return m_engine.limits; }

    /// Reads the next request: waits for its first byte (a new connection's first request
    /// under the request deadline, a kept-alive connection's under the idle timeout), then
    /// gives the whole head one deadline and the body another.
    void doRead()
    {
        m_parser.emplace();
        applyLimits(*m_parser, limits());
        if (m_buffer.size() == 0) {
            lowest().expires_after(Ms(m_first ? limits().headerTimeoutMs : limits().idleTimeoutMs));
            derived().stream().async_read_some(
                m_buffer.prepare(FirstReadBytes),
                beast::bind_front_handler(&Session::onFirstBytes, derived().shared_from_this()));
            return;
        }
        readHead();
    }

    void onFirstBytes(beast::error_code ec, std::size_t n)
    {
        if (ec)
            return derived().closeNow(); // idle, or the client closed: no answer needed
        m_buffer.commit(n);
        readHead();
    }

    void readHead()
    {
        armDeadline();
        m_headBytes = 0;
        readHeadPiece();
    }

    void readHeadPiece()
    {
        http::async_read_some(
            derived().stream(), m_buffer, *m_parser,
            beast::bind_front_handler(&Session::onHeadPiece, derived().shared_from_this()));
    }

    void onHeadPiece(beast::error_code ec, std::size_t consumed)
    {
        if (!ec && !m_timedOut) {
            if (!chargeHead(*m_parser, m_headBytes, consumed, limits())) {
                m_deadline.cancel();
                return refuse(HeadTooLarge);
            }
            if (!m_parser->is_header_done())
                return readHeadPiece();
        }
        onHead(ec);
    }

    /// The deadline of a request's head or body. Not the stream's own timeout: that one closes
    /// the socket, and a client that is too slow is owed its 408.
    void armDeadline()
    {
        lowest().expires_never();
        m_timedOut = false;
        m_deadline.expires_after(Ms(limits().headerTimeoutMs));
        m_deadline.async_wait(
            beast::bind_front_handler(&Session::onDeadline, derived().shared_from_this()));
    }
    void onDeadline(beast::error_code ec)
    {
        if (ec)
            return; // cancelled: the read completed in time
        m_timedOut = true;
        beast::error_code ignored;
        lowest().socket().cancel(ignored);
    }
    /// True when the read that just completed was cut off by the deadline.
    bool readTimedOut()
    {
        m_deadline.cancel();
        return m_timedOut;
    }

    void onHead(beast::error_code ec)
    {
        if (readTimedOut())
            return derived().timedOut("request head not completed in time");
        if (ec && isHttpError(ec) && ec != http::error::end_of_stream &&
            ec != http::error::partial_message)
            return refuse(verdictForError(ec));
        if (ec)
            return derived().closeNow();
        if (const Verdict v = verdictForHead(*m_parser))
            return refuse(v);
        if (m_parser->is_done())
            return dispatch();
        armDeadline();
        http::async_read(derived().stream(), m_buffer, *m_parser,
                         beast::bind_front_handler(&Session::onBody, derived().shared_from_this()));
    }

    void onBody(beast::error_code ec, std::size_t)
    {
        if (readTimedOut())
            return derived().timedOut("request body not completed in time");
        if (ec && isHttpError(ec) && ec != http::error::end_of_stream &&
            ec != http::error::partial_message)
            return refuse(verdictForError(ec));
        if (ec)
            return derived().closeNow();
        dispatch();
    }

    void dispatch()
    {
        lowest().expires_never(); // the handler's time is not the client's
        HttpRequest request = toRequest(*m_parser, m_address, derived().isTls());
        const bool close = !request.keepAlive;
        m_parser.reset();
        auto self = derived().shared_from_this();
        auto executor = lowest().get_executor();
        m_engine.hooks.handle(
            m_thread, std::move(request), [self, executor, close](HttpReply reply) {
                net::dispatch(executor,
                              [self, close, r = std::move(reply)] { self->write(r, close); });
            });
    }

public:
    /// 408 and close (plain HTTP; TLS overrides: a TLS read cut off midway cannot answer).
    void timedOut(const char *reason) { refuse({408, reason}); }

protected:
    void refuse(Verdict v)
    {
        m_engine.refused(m_address, v.status, v.reason);
        write(refusalReply(v.status, v.reason), true);
    }

public:
    void write(const HttpReply &reply, bool close)
    {
        if (reply.stream)
            return writeStreamed(reply, close);
        m_closeAfterWrite = close;
        m_response = makeResponse(reply, close, derived().isTls());
        armWriteDeadline();
        http::async_write(
            derived().stream(), m_response,
            beast::bind_front_handler(&Session::onWrite, derived().shared_from_this()));
    }

    /// A connection over a limit: the refusal, then close.
    void refuseConnection(int status, const char *reason)
    {
        write(refusalReply(status, reason), true);
    }

protected:
    /// An answer the client does not take in time ends the connection (with a reset: see
    /// closeSocket).
    void armWriteDeadline()
    {
        lowest().expires_never();
        m_deadline.expires_after(Ms(limits().writeTimeoutMs));
        m_deadline.async_wait(
            beast::bind_front_handler(&Session::onWriteDeadline, derived().shared_from_this()));
    }
    void onWriteDeadline(beast::error_code ec)
    {
        if (ec)
            return;                     // cancelled: the answer went out in time
        closeSocket(lowest().socket()); // the pending write ends with operation_aborted
    }

    // ---- a streamed answer: the head, the first part, then piece by piece ----

    void writeStreamed(const HttpReply &reply, bool close)
    {
        m_closeAfterWrite = close;
        m_stream = reply.stream;
        m_streamHead = {};
        m_streamHead.version(11);
        m_streamHead.result(unsigned(reply.status));
        for (const auto &[name, value] : reply.headers)
            m_streamHead.insert(beast::string_view(name.constData(), std::size_t(name.size())),
                                beast::string_view(value.constData(), std::size_t(value.size())));
        m_streamHead.set(http::field::content_type,
                         beast::string_view(reply.contentType.constData(),
                                            std::size_t(reply.contentType.size())));
        m_streamHead.set(http::field::cache_control, "no-store");
        if (derived().isTls())
            m_streamHead.set(http::field::strict_transport_security, "max-age=31536000");
        m_streamHead.keep_alive(!close);
        m_streamHead.chunked(true);
        m_streamSerializer.emplace(m_streamHead);
        m_piece = reply.body;
        armWriteDeadline();
        http::async_write_header(
            derived().stream(), *m_streamSerializer,
            beast::bind_front_handler(&Session::onStreamHead, derived().shared_from_this()));
    }

    void onStreamHead(beast::error_code ec, std::size_t)
    {
        m_deadline.cancel();
        if (ec)
            return dropStream();
        writePiece(false); // the first part
    }

    /// Writes m_piece as one chunk (none when empty: an empty chunk would end the body), then,
    /// when it is the last, the end of the body.
    void writePiece(bool last)
    {
        if (m_piece.isEmpty()) {
            if (!last)
                return pull();
            armWriteDeadline();
            return net::async_write(
                derived().stream(), http::make_chunk_last(),
                beast::bind_front_handler(&Session::onStreamEnd, derived().shared_from_this()));
        }
        armWriteDeadline();
        net::async_write(
            derived().stream(),
            http::make_chunk(net::const_buffer(m_piece.constData(), std::size_t(m_piece.size()))),
            beast::bind_front_handler(&Session::onStreamWritten, derived().shared_from_this(),
                                      last));
    }

    void onStreamWritten(bool last, beast::error_code ec, std::size_t)
    {
        m_deadline.cancel();
        if (ec) // the client went away or stopped reading: release the stream
            return dropStream();
        m_piece.clear();
        if (last)
            return writePiece(true); // the end of the body
        pull();
    }

    /// Asks the stream for its next piece; it answers from any thread.
    void pull()
    {
        auto self = derived().shared_from_this();
        auto executor = lowest().get_executor();
        m_stream->next([self, executor](HttpBodyStream::Piece piece) {
            net::dispatch(executor,
                          [self, p = std::move(piece)]() mutable { self->onPiece(std::move(p)); });
        });
    }

    void onPiece(HttpBodyStream::Piece piece)
    {
        if (piece.failed || !lowest().socket().is_open())
            return dropStream();
        m_piece = std::move(piece.bytes);
        writePiece(piece.last);
    }

    void onStreamEnd(beast::error_code ec, std::size_t)
    {
        m_deadline.cancel();
        if (ec)
            return dropStream();
        m_stream.reset();
        m_streamSerializer.reset();
        if (m_closeAfterWrite)
            return derived().closeGracefully();
        m_first = false;
        doRead();
    }

    /// A body that cannot be completed: the connection ends without the body's end, so the
    /// client sees it cut off.
    void dropStream()
    {
        m_stream.reset();
        m_streamSerializer.reset();
        m_piece.clear();
        closeSocket(lowest().socket());
    }

    void onWrite(beast::error_code ec, std::size_t)
    {
        m_deadline.cancel();
        m_response = {};
        if (ec)
            return derived().closeNow();
        if (m_closeAfterWrite)
            return derived().closeGracefully();
        m_first = false;
        doRead();
    }

    HttpEngine::Impl &m_engine;
    const int m_thread;
    const QString m_address;
    Slot m_slot;
    beast::flat_buffer m_buffer;
    boost::optional<Parser> m_parser;
    Response m_response;
    std::shared_ptr<HttpBodyStream> m_stream;
    http::response<http::empty_body> m_streamHead;
    boost::optional<http::response_serializer<http::empty_body>> m_streamSerializer;
    QByteArray m_piece;
    net::steady_timer m_deadline;
    bool m_closeAfterWrite = false;
    bool m_first = true;
    bool m_timedOut = false;
    std::size_t m_headBytes = 0;
};

class PlainSession : public Session<PlainSession>, public std::enable_shared_from_this<PlainSession>
{
public:
    PlainSession(tcp::socket &&socket, HttpEngine::Impl &engine, int thread, QString address,
                 QString key, bool counted)
        : Session(engine, thread, std::move(address), std::move(key), counted)
        , m_stream(std::move(socket))
    {}

    beast::tcp_stream &stream() { return m_stream; }
    static bool isTls() { return false; }

    void run()
    {
        net::dispatch(m_stream.get_executor(),
                      beast::bind_front_handler(&PlainSession::doRead, shared_from_this()));
    }
    void runRefusal(int status, const char *reason)
    {
        net::dispatch(m_stream.get_executor(), [self = shared_from_this(), status, reason] {
            self->refuseConnection(status, reason);
        });
    }

    void closeNow()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        m_stream.close();
    }

    /// Half-close, read and drop what still comes (bounded in time and bytes), then close.
    void closeGracefully()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.expires_never();
        m_deadline.expires_after(Ms(DrainMs));
        m_deadline.async_wait(
            beast::bind_front_handler(&PlainSession::onDrainDeadline, shared_from_this()));
        drain();
    }

private:
    void drain()
    {
        m_stream.async_read_some(
            net::buffer(m_scratch),
            beast::bind_front_handler(&PlainSession::onDrain, shared_from_this()));
    }
    void onDrain(beast::error_code ec, std::size_t n)
    {
        m_drained += n;
        if (ec || m_drained > DrainBytes) {
            m_deadline.cancel();
            return closeSocket(m_stream.socket());
        }
        drain();
    }
    void onDrainDeadline(beast::error_code ec)
    {
        if (!ec)
            closeSocket(m_stream.socket()); // the pending read ends with operation_aborted
    }

    beast::tcp_stream m_stream;
    std::array<char, 16384> m_scratch{};
    std::size_t m_drained = 0;
    friend class Session<PlainSession>;
};

class TlsSession : public Session<TlsSession>, public std::enable_shared_from_this<TlsSession>
{
public:
    TlsSession(tcp::socket &&socket, ssl::context &ctx, HttpEngine::Impl &engine, int thread,
               QString address, QString key, bool counted)
        : Session(engine, thread, std::move(address), std::move(key), counted)
        , m_stream(std::move(socket), ctx)
    {}

    beast::ssl_stream<beast::tcp_stream> &stream() { return m_stream; }
    static bool isTls() { return true; }

    void run()
    {
        net::dispatch(lowest().get_executor(),
                      beast::bind_front_handler(&TlsSession::handshake, shared_from_this()));
    }

    void closeNow() { lowest().close(); }
    void timedOut(const char *reason)
    {
        m_engine.refused(m_address, 0, reason);
        closeNow();
    }

    void closeGracefully()
    {
        lowest().expires_never();
        m_deadline.expires_after(Ms(DrainMs));
        m_deadline.async_wait(
            beast::bind_front_handler(&TlsSession::onShutdownDeadline, shared_from_this()));
        m_stream.async_shutdown(
            beast::bind_front_handler(&TlsSession::onShutdown, shared_from_this()));
    }

private:
    void handshake()
    {
        // A client that never sends (or never finishes) its ClientHello holds a connection
        // for this long at most; accepting goes on meanwhile.
        lowest().expires_after(Ms(limits().handshakeTimeoutMs));
        m_stream.async_handshake(
            ssl::stream_base::server,
            beast::bind_front_handler(&TlsSession::onHandshake, shared_from_this()));
    }
    void onHandshake(beast::error_code ec)
    {
        if (ec) {
            if (ec == beast::error::timeout)
                m_engine.refused(m_address, 0, "TLS handshake not completed in time");
            return closeNow();
        }
        doRead();
    }
    void onShutdown(beast::error_code)
    {
        m_deadline.cancel();
        closeSocket(lowest().socket());
    }
    void onShutdownDeadline(beast::error_code ec)
    {
        if (!ec)
            closeSocket(lowest().socket()); // the pending shutdown ends with operation_aborted
    }

    beast::ssl_stream<beast::tcp_stream> m_stream;
    friend class Session<TlsSession>;
};

} // namespace

int HttpEngine::Impl::admit(const QString &key)
{
    std::lock_guard lock(countMutex);
    if (connections.load() >= limits.maxConnections)
        return 503;
    int &mine = perClient[key];
    if (mine >= limits.maxConnectionsPerAddress)
        return 429;
    ++mine;
    ++connections;
    return 0;
}

void HttpEngine::Impl::release(const QString &key)
{
    std::lock_guard lock(countMutex);
    auto it = perClient.find(key);
    if (it != perClient.end() && --*it <= 0)
        perClient.erase(it);
    --connections;
}

void HttpEngine::Impl::doAccept()
{
    if (stopping.load() || !acceptor || !acceptor->is_open())
        return;
    IoThread &target = *threads[next % threads.size()];
    acceptor->async_accept(target.ioc, beast::bind_front_handler(&Impl::onAccept, this));
}

void HttpEngine::Impl::onAccept(beast::error_code ec, tcp::socket socket)
{
    if (stopping.load() || ec == net::error::operation_aborted)
        return;
    if (ec) {
        // Out of file descriptors or memory for a moment: try again shortly, never give up.
        acceptRetry->expires_after(Ms(50));
        acceptRetry->async_wait([this](beast::error_code e) {
            if (!e)
                doAccept();
        });
        return;
    }
    const int thread = int(next % threads.size());
    ++next;
    beast::error_code nodelay;
    socket.set_option(tcp::no_delay(true), nodelay);
    const QString address = peerAddress(socket);
    const QString key = clientKey(address);
    const int refusal = admit(key);
    if (refusal != 0) {
        const char *reason =
            refusal == 503 ? "too many connections" : "too many connections from this address";
        refused(address, refusal, reason);
        if (tls) {
            beast::error_code ignored;
            socket.close(ignored); // no plain-text answer on a TLS port
        } else {
            std::make_shared<PlainSession>(std::move(socket), *this, thread, address, key, false)
                ->runRefusal(refusal, reason);
        }
    } else if (tls) {
        std::make_shared<TlsSession>(std::move(socket), *tls, *this, thread, address, key, true)
            ->run();
    } else {
        std::make_shared<PlainSession>(std::move(socket), *this, thread, address, key, true)->run();
    }
    doAccept();
}

HttpEngine::HttpEngine(const ServerLimits &limits, Hooks hooks)
    : d(std::make_unique<Impl>())
{
    d->limits = limits;
    d->hooks = std::move(hooks);
}

HttpEngine::~HttpEngine()
{
    stop();
    d->acceptRetry.reset();
    d->acceptor.reset();
    d->threads.clear();
}

bool HttpEngine::enableTls(TlsFiles files, QString *error)
{
    ssl::context ctx(ssl::context::tls_server);
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                    ssl::context::single_dh_use);
    SSL_CTX *native = ctx.native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
    // TLS 1.2: forward-secret AEAD suites only (no CBC); TLS 1.3 suites are all AEAD.
    SSL_CTX_set_cipher_list(native, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
    ctx.set_password_callback(
        [](std::size_t, ssl::context::password_purpose) { return std::string(); });
    beast::error_code ec;
    ctx.use_certificate_chain(net::buffer(files.certificateChainPem.constData(),
                                          std::size_t(files.certificateChainPem.size())),
                              ec);
    if (ec) {
        secureWipe(files.privateKeyPem);
        if (error)
            *error = QStringLiteral("no PEM certificate could be read");
        return false;
    }
    ctx.use_private_key(
        net::buffer(files.privateKeyPem.constData(), std::size_t(files.privateKeyPem.size())),
        ssl::context::pem, ec);
    secureWipe(files.privateKeyPem);
    if (ec || SSL_CTX_check_private_key(native) != 1) {
        if (error)
            *error = QStringLiteral(
                "holds no unencrypted RSA or EC private key in PEM form for the certificate");
        return false;
    }
    d->tls.emplace(std::move(ctx));
    return true;
}

bool HttpEngine::tlsEnabled() const
{
    return d->tls.has_value();
}

quint16 HttpEngine::start(const QString &host, quint16 port, int threads, QString *error)
{
    threads = std::max(1, threads);
    for (int i = 0; i < threads; ++i)
        d->threads.push_back(std::make_unique<IoThread>());
    beast::error_code ec;
    tcp::endpoint endpoint;
    if (host == QLatin1String("*")) {
        endpoint = tcp::endpoint(tcp::v6(), port);
    } else {
        const net::ip::address address = net::ip::make_address(host.toStdString(), ec);
        if (ec) {
            if (error)
                *error = QStringLiteral("\"%1\" is not an IP address").arg(host);
            d->threads.clear();
            return 0;
        }
        endpoint = tcp::endpoint(address, port);
    }
    auto fail = [&](const char *what) {
        if (error)
            *error = QStringLiteral("cannot listen on %1 port %2: %3 (%4)")
                         .arg(host)
                         .arg(port)
                         .arg(QString::fromStdString(ec.message()), QLatin1String(what));
        d->acceptor.reset();
        d->threads.clear();
        return quint16(0);
    };
    d->acceptor.emplace(d->threads.front()->ioc);
    d->acceptRetry.emplace(d->threads.front()->ioc);
    d->acceptor->open(endpoint.protocol(), ec);
    if (ec)
        return fail("open");
    if (host == QLatin1String("*"))
        d->acceptor->set_option(net::ip::v6_only(false), ec); // IPv4 too
    d->acceptor->set_option(net::socket_base::reuse_address(true), ec);
    d->acceptor->bind(endpoint, ec);
    if (ec)
        return fail("bind");
    d->acceptor->listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return fail("listen");
    const quint16 actual = d->acceptor->local_endpoint().port();
    d->doAccept();
    for (int i = 0; i < threads; ++i) {
        IoThread &t = *d->threads[std::size_t(i)];
        t.thread = std::thread([this, &t, i] {
            if (d->hooks.threadStarted)
                d->hooks.threadStarted(i);
            for (;;) {
                try {
                    t.ioc.run();
                    break;
                } catch (const std::exception &ex) {
                    // A handler threw: log it and keep serving the other connections.
                    std::fprintf(stderr, "tokendesk-server: internal error: %s\n", ex.what());
                }
            }
            if (d->hooks.threadFinished)
                d->hooks.threadFinished(i);
        });
    }
    return actual;
}

void HttpEngine::stop()
{
    if (d->threads.empty() || d->stopping.exchange(true))
        return;
    for (auto &t : d->threads) {
        t->work.reset();
        t->ioc.stop();
    }
    for (auto &t : d->threads)
        if (t->thread.joinable())
            t->thread.join();
    // No I/O thread runs now: close the listener here. The contexts (and the sessions still
    // queued in them) live until the engine is destroyed, so a late completion from another
    // thread only queues a handler that never runs.
    beast::error_code ec;
    if (d->acceptor)
        d->acceptor->close(ec);
}

int HttpEngine::connectionCount() const
{
    return d->connections.load();
}

void HttpEngine::post(int thread, std::function<void()> fn)
{
    net::post(d->threads[size_t(thread)]->ioc, std::move(fn));
}

std::function<void()> HttpEngine::after(int thread, int ms, std::function<void()> fn)
{
    net::io_context &ioc = d->threads[size_t(thread)]->ioc;
    auto timer = std::make_shared<net::steady_timer>(ioc, Ms(ms));
    timer->async_wait([timer, fn = std::move(fn)](beast::error_code ec) {
        if (!ec)
            fn();
    });
    // The timer is touched on its own thread only.
    return [&ioc, weak = std::weak_ptr<net::steady_timer>(timer)] {
        net::post(ioc, [weak] {
            if (auto t = weak.lock())
                t->cancel();
        });
    };
}

} // namespace td
