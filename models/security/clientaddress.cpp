// SPDX-License-Identifier: MIT
#include "clientaddress.h"

#include <arpa/inet.h>
#include <cstdio>
#include <cstring>

namespace td {

QString clientKey(const QString &address)
{
    const QByteArray text = address.toLatin1();
    in6_addr v6{};
    if (text.contains(':') && ::inet_pton(AF_INET6, text.constData(), &v6) == 1) {
        const unsigned char *b = v6.s6_addr;
        static const unsigned char mappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::memcmp(b, mappedPrefix, sizeof mappedPrefix) == 0) {
            char v4[INET_ADDRSTRLEN];
            if (::inet_ntop(AF_INET, b + 12, v4, sizeof v4))
                return QString::fromLatin1(v4);
        }
        char out[48];
        std::snprintf(out, sizeof out, "%x:%x:%x:%x::/64", (b[0] << 8) | b[1], (b[2] << 8) | b[3],
                      (b[4] << 8) | b[5], (b[6] << 8) | b[7]);
        return QString::fromLatin1(out);
    }
    return address;
}

} // namespace td
