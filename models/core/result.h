// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace td {

/// What went wrong, in categories every front end maps to its own channel
/// (dialog, CLI exit code, HTTP status).
enum class Errc {
    Ok = 0,
    InvalidArgument,  ///< bad input; `field` names the offending field when there is one
    NotFound,         ///< the user, token, department … does not exist
    AlreadyExists,    ///< a unique name is taken
    Conflict,         ///< the object is in a state that forbids the change (e.g. already revoked)
    PermissionDenied, ///< the actor's user type does not allow it
    AuthenticationFailed, ///< wrong username/password/access code (always the same words)
    Throttled,            ///< too many failures; retryAfterSeconds tells when to try again
    CredentialExpired,    ///< the access code has expired
    StoreMissing,         ///< no database at that location / not initialised
    StoreLocked,          ///< another program holds the write lock for longer than the timeout
    StoreReadOnly,        ///< the file or database cannot be written
    StoreCorrupt,         ///< not a TokenDesk database, or damaged
    SchemaTooNew,         ///< written by a newer TokenDesk
    StoreUnavailable,     ///< cannot connect / I/O error / disk full
    Internal,             ///< a bug; message says what
};

struct Error
{
    Errc code = Errc::Internal;
    QString message;
    QString field;             ///< e.g. "name", "scopes", "expires" – for inline validation
    int retryAfterSeconds = 0; ///< with Errc::Throttled

    Error() = default;
    Error(Errc c, QString m, QString f = {})
        : code(c)
        , message(std::move(m))
        , field(std::move(f))
    {}
};

/// Either a value or an Error. The domain API returns these; it never throws across its surface.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_v(std::move(value))
    {}
    Result(Error error)
        : m_v(std::move(error))
    {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    /// By value on a temporary, so `for (auto &x : service.list(…).value())` never dangles.
    T value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const Error &error() const { return std::get<1>(m_v); }
    Errc code() const { return ok() ? Errc::Ok : error().code; }

private:
    std::variant<T, Error> m_v;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}
    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    Errc code() const { return ok() ? Errc::Ok : m_error->code; }

private:
    std::optional<Error> m_error;
};

/// Thrown inside store transactions to abandon them; Store::write() turns it into a Result.
struct Failure
{
    Error error;
    bool retryable = false; ///< a serialization failure or a lost lock race: run it again
};

/// The exit code of the command-line programs for an error of that kind (0 for Errc::Ok).
int exitCodeFor(Errc code);

[[noreturn]] inline void fail(Errc code, QString message, QString field = {})
{
    throw Failure{Error(code, std::move(message), std::move(field))};
}

} // namespace td
