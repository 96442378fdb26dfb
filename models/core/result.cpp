// SPDX-License-Identifier: MIT
#include "result.h"

namespace td {

int exitCodeFor(Errc code)
{
    switch (code) {
    case Errc::Ok:
        return 0;
    case Errc::InvalidArgument:
        return 2;
    case Errc::NotFound:
        return 3;
    case Errc::AlreadyExists:
    case Errc::Conflict:
        return 4;
    case Errc::PermissionDenied:
        return 5;
    case Errc::AuthenticationFailed:
    case Errc::Throttled:
    case Errc::CredentialExpired:
        return 6;
    case Errc::StoreMissing:
    case Errc::StoreLocked:
    case Errc::StoreReadOnly:
    case Errc::StoreCorrupt:
    case Errc::SchemaTooNew:
    case Errc::StoreUnavailable:
        return 7;
    case Errc::Internal:
        return 1;
    }
    return 1;
}

} // namespace td
