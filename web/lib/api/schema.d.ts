// Generated from the server's OpenAPI document by `npm run gen:api`. Do not edit.

export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 登录 Log in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send as "Authorization: Bearer <token>"; browsers get the same in an HttpOnly cookie */
                            token: string;
                            /** Format: date-time */
                            expiresAt: string;
                            passwordExpired: boolean;
                            user: {
                                id: number;
                                username: string;
                                displayName: string;
                                roles: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                                scope: string;
                                personId: number | null;
                                /** @description some address must wait before its next login attempt; the security administrator can unlock */
                                locked: boolean;
                                disabled: boolean;
                                isDemo: boolean;
                                /** @description failed logins since the last successful one or unlock, from any address */
                                failedLogins: number;
                                /** Format: date-time */
                                lastFailedLoginAt: string | null;
                                /** @description the password was set by the security administrator and must be changed at the next login */
                                mustChangePassword: boolean;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 退出 Log out */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 当前用户 Who am I */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            displayName: string;
                            roles: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                            scope: string;
                            passwordExpired: boolean;
                            /** @description name of the scope area; null for the whole installation */
                            scopeName: string | null;
                            /** @description actions the user may take (the console hides the rest; the server still decides) */
                            permissions: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 修改密码 Change password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 账户列表（安全管理员）List accounts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            displayName: string;
                            roles: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                            scope: string;
                            personId: number | null;
                            /** @description some address must wait before its next login attempt; the security administrator can unlock */
                            locked: boolean;
                            disabled: boolean;
                            isDemo: boolean;
                            /** @description failed logins since the last successful one or unlock, from any address */
                            failedLogins: number;
                            /** Format: date-time */
                            lastFailedLoginAt: string | null;
                            /** @description the password was set by the security administrator and must be changed at the next login */
                            mustChangePassword: boolean;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新建账户（安全管理员）Create an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        displayName: string;
                        password: string;
                        roles: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                        scope: string;
                        personId?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            displayName: string;
                            roles: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                            scope: string;
                            personId: number | null;
                            /** @description some address must wait before its next login attempt; the security administrator can unlock */
                            locked: boolean;
                            disabled: boolean;
                            isDemo: boolean;
                            /** @description failed logins since the last successful one or unlock, from any address */
                            failedLogins: number;
                            /** Format: date-time */
                            lastFailedLoginAt: string | null;
                            /** @description the password was set by the security administrator and must be changed at the next login */
                            mustChangePassword: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改账户角色、范围、状态（安全管理员）Change an account */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        roles?: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                        scope?: string;
                        disabled?: boolean;
                        unlock?: boolean;
                        newPassword?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            username: string;
                            displayName: string;
                            roles: ("district_chief" | "station_chief" | "grid_head" | "grid_worker" | "overseer" | "command_operator" | "credit_officer" | "department_liaison" | "market_operator" | "system_admin" | "security_admin" | "audit_admin")[];
                            scope: string;
                            personId: number | null;
                            /** @description some address must wait before its next login attempt; the security administrator can unlock */
                            locked: boolean;
                            disabled: boolean;
                            isDemo: boolean;
                            /** @description failed logins since the last successful one or unlock, from any address */
                            failedLogins: number;
                            /** Format: date-time */
                            lastFailedLoginAt: string | null;
                            /** @description the password was set by the security administrator and must be changed at the next login */
                            mustChangePassword: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计日志（审计管理员）Audit log */
        get: {
            parameters: {
                query: {
                    action?: string;
                    username?: string;
                    objectType?: string;
                    objectId?: string;
                    result?: "ok" | "denied" | "failed";
                    from?: string;
                    to?: string;
                    /** @description keyset paging: events older than this id */
                    afterId?: number;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description ISO 8601, microseconds, as stored and hashed */
                            at: string;
                            userId: number | null;
                            username: string | null;
                            areaCode: string | null;
                            ip: string | null;
                            action: string;
                            objectType: string | null;
                            objectId: string | null;
                            result: string;
                            details: unknown;
                            hash: string;
                            /** @description HMAC key of the link; null = unkeyed legacy event */
                            keyId: string | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 校验审计链及检查点（审计管理员）Verify the audit chain and checkpoints */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            checked: number;
                            /** @description keyed (HMAC) events */
                            keyed: number;
                            /** @description plain SHA-256 events from before keying */
                            unkeyedLegacy: number;
                            /** @description every broken range, in id order; consecutive rows broken the same way form one range */
                            breaks: {
                                fromId: number;
                                toId: number;
                                /** @description hashMismatch: the row's own link does not match its content (unkeyed legacy row); badMac: the HMAC does not match (changed, or written without the key); unknownKey: the key folder does not hold the row's key; unkeyedAfterKeyed: a plain SHA-256 row after the first keyed one; prevHashMismatch: the row does not link to the one before it (rows removed or inserted) */
                                reason: "hashMismatch" | "badMac" | "unknownKey" | "unkeyedAfterKeyed" | "prevHashMismatch";
                            }[];
                            /** @description more breaks than listed */
                            breaksTruncated?: boolean;
                            /** @description the newest event of all */
                            head?: {
                                id: number;
                                hash: string;
                                eventAt: string;
                            };
                            /** @description the independent chains of the log, each with its newest event */
                            chains: {
                                chain: number;
                                checked: number;
                                headId: number;
                                headHash: string;
                            }[];
                            /** @description the comparison with the signed checkpoints outside the database, when a folder was given */
                            checkpoints?: {
                                count: number;
                                problems: ({
                                    /** @enum {string} */
                                    reason: "checkpointBadSignature";
                                    eventId: number;
                                    writtenAt: string;
                                } | {
                                    reason: "checkpointEventMissing" | "checkpointHashMismatch";
                                    eventId: number;
                                    writtenAt: string;
                                    /** @description the chain whose head the checkpoint names (0 for checkpoints from before the chains were split) */
                                    chain: number;
                                } | {
                                    /** @enum {string} */
                                    reason: "checkpointUnreadable";
                                    line: number;
                                })[];
                                /** @description the newest checkpoint agreeing with the chains */
                                lastGood?: {
                                    eventId: number;
                                    writtenAt: string;
                                };
                                /** @description per chain whose last events were removed: the furthest event a checkpoint saw */
                                missingTails: {
                                    chain: number;
                                    /** @description the chain's last event in the table, null when none is left */
                                    lastPresentId: number | null;
                                    missingUpToId: number;
                                    checkpointWrittenAt: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-events/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 审计检查点列表（审计管理员）Signed checkpoints, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the newest event of all */
                            eventId: number;
                            hash: string;
                            /** @description the event's time as stored, ISO 8601 with microseconds */
                            eventAt: string;
                            /** @description the newest event of every chain (absent in checkpoints written before the chains were split, whose event is chain 0's head) */
                            chains?: {
                                chain: number;
                                eventId: number;
                                hash: string;
                            }[];
                            writtenAt: string;
                            keyId: string;
                            signature: string;
                            signatureValid: boolean;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 立即生成检查点（审计管理员）Write a checkpoint now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the newest event of all */
                            eventId: number;
                            hash: string;
                            /** @description the event's time as stored, ISO 8601 with microseconds */
                            eventAt: string;
                            /** @description the newest event of every chain (absent in checkpoints written before the chains were split, whose event is chain 0's head) */
                            chains?: {
                                chain: number;
                                eventId: number;
                                hash: string;
                            }[];
                            writtenAt: string;
                            keyId: string;
                            signature: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-events/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载签名的链头回执（审计管理员）Signed head receipt */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            eventId: number;
                            hash: string;
                            eventAt: string;
                            /** @description the newest event of every chain */
                            chains: {
                                chain: number;
                                eventId: number;
                                hash: string;
                            }[];
                            issuedAt: string;
                            keyId: string;
                            /** @description raw Ed25519 public key, base64 */
                            publicKey: string;
                            /** @description Ed25519 over the other fields (publicKey excepted) plus "type":"receipt", as JSON with sorted keys */
                            signature: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出审计日志 CSV（审计管理员）Export the filtered audit log (CSV) */
        get: {
            parameters: {
                query?: {
                    action?: string;
                    username?: string;
                    objectType?: string;
                    objectId?: string;
                    result?: "ok" | "denied" | "failed";
                    from?: string;
                    to?: string;
                    /** @description language of the column headings; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/area-profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 区域层级方案 Level profiles */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            nameZh: string;
                            nameEn: string;
                            levels: {
                                key: string;
                                zh: string;
                                en: string;
                            }[];
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 区域列表（按编码树序）List areas in tree order */
        get: {
            parameters: {
                query: {
                    /** @description area code: two digits per level (M1.2) */
                    parentCode?: string;
                    level?: number;
                    includeRetired: boolean;
                    /** @description area code: two digits per level (M1.2) */
                    after?: string;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                name: string;
                                level: number;
                                levelName: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                } | null;
                                parentCode: string | null;
                                profileId: string;
                                areaKm2: number | null;
                                version: number;
                                retired: boolean;
                                /** Format: date-time */
                                retiredAt: string | null;
                                successorCodes: string[];
                                childCount: number;
                            }[];
                            nextAfter: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新建区域 Create an area */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description area code: two digits per level (M1.2) */
                        code?: string;
                        /** @description area code: two digits per level (M1.2) */
                        parentCode?: string;
                        name: string;
                        /** @description GeoJSON Polygon or MultiPolygon (or a Feature wrapping one) */
                        boundary: Record<string, never>;
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        profileId?: string;
                        /** @description who approved: the district grid office (网格办) or a named person (M1.4) */
                        approvedBy?: string;
                        /** @description approval document number */
                        approvalRef?: string;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            area: {
                                code: string;
                                name: string;
                                level: number;
                                levelName: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                } | null;
                                parentCode: string | null;
                                profileId: string;
                                areaKm2: number | null;
                                version: number;
                                retired: boolean;
                                /** Format: date-time */
                                retiredAt: string | null;
                                successorCodes: string[];
                                childCount: number;
                                profile: {
                                    id: string;
                                    nameZh: string;
                                    nameEn: string;
                                    levels: {
                                        key: string;
                                        zh: string;
                                        en: string;
                                    }[];
                                };
                                boundary: unknown | (never | null);
                                businessCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            placement: {
                                /** @description businesses whose grid changed */
                                moved: number;
                                /** @description of those, left in no grid */
                                unplaced: number;
                            };
                            /** @description adjustments made on save: overlaps and gaps narrower than the edge tolerance along a neighbour's edge (issue 13 §6) */
                            notices: {
                                code: "area.alignedToNeighbour" | "area.alignedToParent";
                                /** @description what was adjusted, in the request language */
                                message: string;
                                /** @description the neighbouring area (or the parent) whose edge the boundary now follows */
                                areaCode: string;
                                /** @description overlapM2 + gapM2 */
                                areaM2: number;
                                /** @description cut off: it lay on the neighbour (or outside the parent) */
                                overlapM2: number;
                                /** @description added: it lay between the two */
                                gapM2: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/next-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 建议下一个可用下级编码 Suggest the next free child code */
        get: {
            parameters: {
                query?: {
                    /** @description area code: two digits per level (M1.2) */
                    parentCode?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            parentCode: string | null;
                            code: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/export.geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出区域边界 GeoJSON Export boundaries as GeoJSON */
        get: {
            parameters: {
                query?: {
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description GeoJSON FeatureCollection (properties code, name, parentCode, level, areaKm2) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 从 GeoJSON 导入区域（全部成功或全部不导入）Import areas from GeoJSON, all or nothing */
        post: {
            parameters: {
                query?: {
                    crs?: "WGS84" | "GCJ02" | "BD09";
                    /** @description who approved: the district grid office (网格办) or a named person (M1.4) */
                    approvedBy?: string;
                    /** @description approval document number */
                    approvalRef?: string;
                    reason?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        type: "FeatureCollection";
                        name?: string;
                        crs?: unknown;
                        bbox?: number[];
                        features: {
                            /** @enum {string} */
                            type: "Feature";
                            id?: string | number;
                            bbox?: number[];
                            properties: {
                                [key: string]: unknown;
                            } | null;
                            geometry: unknown;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: string[];
                            updated: string[];
                            unchanged: number;
                            placement: {
                                /** @description businesses whose grid changed */
                                moved: number;
                                /** @description of those, left in no grid */
                                unplaced: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/redivide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 调整划分：拆分、合并（旧编码撤销保留）Split or merge areas (old codes are retired, kept) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        retire: string[];
                        create: {
                            /** @description area code: two digits per level (M1.2) */
                            code: string;
                            name: string;
                            /** @description GeoJSON Polygon or MultiPolygon (or a Feature wrapping one) */
                            boundary: Record<string, never>;
                        }[];
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        /** @description who approved: the district grid office (网格办) or a named person (M1.4) */
                        approvedBy?: string;
                        /** @description approval document number */
                        approvalRef?: string;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            retired: {
                                code: string;
                                name: string;
                                level: number;
                                levelName: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                } | null;
                                parentCode: string | null;
                                profileId: string;
                                areaKm2: number | null;
                                version: number;
                                retired: boolean;
                                /** Format: date-time */
                                retiredAt: string | null;
                                successorCodes: string[];
                                childCount: number;
                                profile: {
                                    id: string;
                                    nameZh: string;
                                    nameEn: string;
                                    levels: {
                                        key: string;
                                        zh: string;
                                        en: string;
                                    }[];
                                };
                                boundary: unknown | (never | null);
                                businessCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            created: {
                                code: string;
                                name: string;
                                level: number;
                                levelName: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                } | null;
                                parentCode: string | null;
                                profileId: string;
                                areaKm2: number | null;
                                version: number;
                                retired: boolean;
                                /** Format: date-time */
                                retiredAt: string | null;
                                successorCodes: string[];
                                childCount: number;
                                profile: {
                                    id: string;
                                    nameZh: string;
                                    nameEn: string;
                                    levels: {
                                        key: string;
                                        zh: string;
                                        en: string;
                                    }[];
                                };
                                boundary: unknown | (never | null);
                                businessCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            placement: {
                                /** @description businesses whose grid changed */
                                moved: number;
                                /** @description of those, left in no grid */
                                unplaced: number;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 区域详情 One area */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description area code: two digits per level (M1.2) */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            level: number;
                            levelName: {
                                key: string;
                                zh: string;
                                en: string;
                            } | null;
                            parentCode: string | null;
                            profileId: string;
                            areaKm2: number | null;
                            version: number;
                            retired: boolean;
                            /** Format: date-time */
                            retiredAt: string | null;
                            successorCodes: string[];
                            childCount: number;
                            profile: {
                                id: string;
                                nameZh: string;
                                nameEn: string;
                                levels: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                }[];
                            };
                            boundary: unknown | (never | null);
                            businessCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 区域更名 Rename an area */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description area code: two digits per level (M1.2) */
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description who approved: the district grid office (网格办) or a named person (M1.4) */
                        approvedBy?: string;
                        /** @description approval document number */
                        approvalRef?: string;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            level: number;
                            levelName: {
                                key: string;
                                zh: string;
                                en: string;
                            } | null;
                            parentCode: string | null;
                            profileId: string;
                            areaKm2: number | null;
                            version: number;
                            retired: boolean;
                            /** Format: date-time */
                            retiredAt: string | null;
                            successorCodes: string[];
                            childCount: number;
                            profile: {
                                id: string;
                                nameZh: string;
                                nameEn: string;
                                levels: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                }[];
                            };
                            boundary: unknown | (never | null);
                            businessCount: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/areas/{code}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 区域变更历史 Area history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description area code: two digits per level (M1.2) */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            version: number;
                            change: string;
                            name: string;
                            parentCode: string | null;
                            boundary: unknown | (never | null);
                            approvedBy: string | null;
                            approvalRef: string | null;
                            reason: string | null;
                            changedBy: {
                                id: number;
                                username: string | null;
                            } | null;
                            /** Format: date-time */
                            changedAt: string;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/{code}/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下级区域覆盖检查：重叠、缝隙、越界 Coverage of an area by its children */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description area code: two digits per level (M1.2) */
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            level: number;
                            areaKm2: number | null;
                            childCount: number;
                            coveragePercent: number | null;
                            overlaps: {
                                codes: string[];
                                areaM2: number;
                                /** @description GeoJSON geometry (EPSG:4326) */
                                geometry: unknown;
                            }[];
                            gaps: {
                                areaM2: number;
                                /** @description codes of the child areas touching the gap */
                                neighbours: string[];
                                /** @description GeoJSON geometry (EPSG:4326) */
                                geometry: unknown;
                            }[];
                            outside: {
                                code: string;
                                areaM2: number;
                                /** @description GeoJSON geometry (EPSG:4326) */
                                geometry: unknown;
                            }[];
                            toleranceM2: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 覆盖率汇总（每个非末级区域一行）Coverage summary per non-leaf area */
        get: {
            parameters: {
                query?: {
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            level: number;
                            childCount: number;
                            coveragePercent: number | null;
                            overlapCount: number;
                            gapCount: number;
                            outsideCount: number;
                            areaKm2: number | null;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/areas/{code}/boundary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 修改区域边界 Redraw an area boundary */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description area code: two digits per level (M1.2) */
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description GeoJSON Polygon or MultiPolygon (or a Feature wrapping one) */
                        boundary: Record<string, never>;
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        /** @description who approved: the district grid office (网格办) or a named person (M1.4) */
                        approvedBy?: string;
                        /** @description approval document number */
                        approvalRef?: string;
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            area: {
                                code: string;
                                name: string;
                                level: number;
                                levelName: {
                                    key: string;
                                    zh: string;
                                    en: string;
                                } | null;
                                parentCode: string | null;
                                profileId: string;
                                areaKm2: number | null;
                                version: number;
                                retired: boolean;
                                /** Format: date-time */
                                retiredAt: string | null;
                                successorCodes: string[];
                                childCount: number;
                                profile: {
                                    id: string;
                                    nameZh: string;
                                    nameEn: string;
                                    levels: {
                                        key: string;
                                        zh: string;
                                        en: string;
                                    }[];
                                };
                                boundary: unknown | (never | null);
                                businessCount: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            placement: {
                                /** @description businesses whose grid changed */
                                moved: number;
                                /** @description of those, left in no grid */
                                unplaced: number;
                            };
                            /** @description adjustments made on save: overlaps and gaps narrower than the edge tolerance along a neighbour's edge (issue 13 §6) */
                            notices: {
                                code: "area.alignedToNeighbour" | "area.alignedToParent";
                                /** @description what was adjusted, in the request language */
                                message: string;
                                /** @description the neighbouring area (or the parent) whose edge the boundary now follows */
                                areaCode: string;
                                /** @description overlapM2 + gapM2 */
                                areaM2: number;
                                /** @description cut off: it lay on the neighbour (or outside the parent) */
                                overlapM2: number;
                                /** @description added: it lay between the two */
                                gapM2: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/coverage/placement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 各区域市场主体入格情况 Businesses placed per area (dashboard) */
        get: {
            parameters: {
                query?: {
                    under?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: string;
                            level: number;
                            parentCode: string | null;
                            /** @description businesses of this area or below it */
                            businesses: number;
                            /** @description of those, placed in a grid */
                            placed: number;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 市场主体台账查询 Search the business ledger */
        get: {
            parameters: {
                query: {
                    /** @description name contains, or USCC prefix when it looks like one */
                    q?: string;
                    /** @description USCC or its first characters (prefix search) */
                    uscc?: string;
                    /** @description registered or actual address contains */
                    address?: string;
                    /** @description area code: two digits per level (M1.2) */
                    gridCode?: string;
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    industry?: string;
                    riskClass?: "high" | "higher" | "general" | "low";
                    kind?: "enterprise" | "individual" | "cooperative" | "other";
                    operatingState?: "operating" | "suspended" | "closed" | "deregistered";
                    placed?: boolean;
                    after?: number;
                    limit: number;
                    /** @description name, riskClass (high first), updatedAt or gridCode; a leading - sorts descending; absent: registration order. Page a sort with cursor. */
                    sort?: "name" | "-name" | "riskClass" | "-riskClass" | "updatedAt" | "-updatedAt" | "gridCode" | "-gridCode";
                    /** @description nextCursor of the previous page, in the same sort */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                uscc: string;
                                name: string;
                                kind: "enterprise" | "individual" | "cooperative" | "other";
                                registeredAddress: string;
                                actualAddress: string | null;
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                industry: string | null;
                                licences: {
                                    type: string;
                                    number: string;
                                    validFrom?: string | null;
                                    validTo?: string | null;
                                }[];
                                keyDomains: string[];
                                operatingState: string;
                                riskClass: string;
                                /** @description masked (张*) without person.readPersonal */
                                legalRepresentative: string | null;
                                /** @description masked (138****1234) without person.readPersonal */
                                contactPhone: string | null;
                                personalMasked: boolean;
                                /** @description doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check */
                                usccWarnings: "orgCodeCheck"[];
                                gridCode: string | null;
                                areaCode: string;
                                unplacedReason: ("noLocation" | "outsideGrids") | (never | null);
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description raised by every change; the ETag. Send it back as If-Match to change the business safely */
                                version: number;
                            }[];
                            nextAfter: number | null;
                            /** @description cursor of the next page in this order (also unsorted); null after the last */
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 登记市场主体（按位置自动入格）Register a business */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description unified social credit code (GB 32100-2015) */
                        uscc: string;
                        name: string;
                        /** @description derived from the USCC when omitted */
                        kind?: ("enterprise" | "individual" | "cooperative" | "other") | (never | null);
                        registeredAddress: string;
                        actualAddress?: string | null;
                        /** @description in `crs` (default WGS84), stored as WGS-84 */
                        location?: {
                            lng: number;
                            lat: number;
                        } | null;
                        industry?: string | null;
                        licences?: {
                            type: string;
                            number: string;
                            /** @description YYYY-MM-DD */
                            validFrom?: string | null;
                            /** @description YYYY-MM-DD */
                            validTo?: string | null;
                        }[];
                        keyDomains?: ("food" | "special_food" | "special_equipment" | "industrial_products")[];
                        operatingState?: "operating" | "suspended" | "closed" | "deregistered";
                        riskClass?: "high" | "higher" | "general" | "low";
                        legalRepresentative?: string | null;
                        contactPhone?: string | null;
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            uscc: string;
                            name: string;
                            kind: "enterprise" | "individual" | "cooperative" | "other";
                            registeredAddress: string;
                            actualAddress: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            industry: string | null;
                            licences: {
                                type: string;
                                number: string;
                                validFrom?: string | null;
                                validTo?: string | null;
                            }[];
                            keyDomains: string[];
                            operatingState: string;
                            riskClass: string;
                            /** @description masked (张*) without person.readPersonal */
                            legalRepresentative: string | null;
                            /** @description masked (138****1234) without person.readPersonal */
                            contactPhone: string | null;
                            personalMasked: boolean;
                            /** @description doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check */
                            usccWarnings: "orgCodeCheck"[];
                            gridCode: string | null;
                            areaCode: string;
                            unplacedReason: ("noLocation" | "outsideGrids") | (never | null);
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description raised by every change; the ETag. Send it back as If-Match to change the business safely */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/unplaced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未入格市场主体 Businesses left for a person to place */
        get: {
            parameters: {
                query: {
                    reason?: "noLocation" | "outsideGrids";
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    after?: number;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                uscc: string;
                                name: string;
                                kind: "enterprise" | "individual" | "cooperative" | "other";
                                registeredAddress: string;
                                actualAddress: string | null;
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                industry: string | null;
                                licences: {
                                    type: string;
                                    number: string;
                                    validFrom?: string | null;
                                    validTo?: string | null;
                                }[];
                                keyDomains: string[];
                                operatingState: string;
                                riskClass: string;
                                /** @description masked (张*) without person.readPersonal */
                                legalRepresentative: string | null;
                                /** @description masked (138****1234) without person.readPersonal */
                                contactPhone: string | null;
                                personalMasked: boolean;
                                /** @description doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check */
                                usccWarnings: "orgCodeCheck"[];
                                gridCode: string | null;
                                areaCode: string;
                                unplacedReason: ("noLocation" | "outsideGrids") | (never | null);
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description raised by every change; the ETag. Send it back as If-Match to change the business safely */
                                version: number;
                            }[];
                            nextAfter: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 市场主体计数（与查询同条件）Count the businesses a search matches */
        get: {
            parameters: {
                query?: {
                    /** @description name contains, or USCC prefix when it looks like one */
                    q?: string;
                    /** @description USCC or its first characters (prefix search) */
                    uscc?: string;
                    /** @description registered or actual address contains */
                    address?: string;
                    /** @description area code: two digits per level (M1.2) */
                    gridCode?: string;
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    industry?: string;
                    riskClass?: "high" | "higher" | "general" | "low";
                    kind?: "enterprise" | "individual" | "cooperative" | "other";
                    operatingState?: "operating" | "suspended" | "closed" | "deregistered";
                    placed?: boolean;
                    reason?: "noLocation" | "outsideGrids";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description matching businesses, counted up to 10000 */
                            total: number;
                            /** @description false when more than `total` match */
                            exact: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/on-phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 手机离线保存的本人网格市场主体：只返回新增和变化的 The businesses of the caller's own grids for the phone: only what is new or changed */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description [id, version] of each business the phone holds */
                        known: [
                            number,
                            number
                        ][];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            grids: {
                                code: string;
                                name: string;
                            }[];
                            /** @description new or changed since the versions sent */
                            changed: {
                                id: number;
                                uscc: string;
                                name: string;
                                kind: "enterprise" | "individual" | "cooperative" | "other";
                                registeredAddress: string;
                                actualAddress: string | null;
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                industry: string | null;
                                licences: {
                                    type: string;
                                    number: string;
                                    validFrom?: string | null;
                                    validTo?: string | null;
                                }[];
                                keyDomains: string[];
                                operatingState: string;
                                riskClass: string;
                                /** @description masked (张*) without person.readPersonal */
                                legalRepresentative: string | null;
                                /** @description masked (138****1234) without person.readPersonal */
                                contactPhone: string | null;
                                personalMasked: boolean;
                                /** @description doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check */
                                usccWarnings: "orgCodeCheck"[];
                                gridCode: string | null;
                                areaCode: string;
                                unplacedReason: ("noLocation" | "outsideGrids") | (never | null);
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description raised by every change; the ETag. Send it back as If-Match to change the business safely */
                                version: number;
                            }[];
                            /** @description ids the phone should drop */
                            removed: number[];
                            total: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/annual-reports/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 登记已报送年报的市场主体（公示系统名单；关闭当年的年报提醒）Record the businesses that filed their annual report on a year; closes that year's reminders */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the codes of the businesses that filed the report on `year` */
                        usccs: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            year: number;
                            recorded: number;
                            unknown: string[];
                            remindersClosed: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/plates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 打印网格市场主体二维码门牌（PDF，A4）Print QR address plates for a grid's businesses (PDF, A4) */
        get: {
            parameters: {
                query: {
                    /** @description area code: two digits per level (M1.2) */
                    grid: string;
                    /** @description one business, to replace its plate */
                    uscc?: string;
                    /** @description language of the column headings; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the PDF */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 市场主体详情（ETag 为版本号）One business (ETag: its version) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            uscc: string;
                            name: string;
                            kind: "enterprise" | "individual" | "cooperative" | "other";
                            registeredAddress: string;
                            actualAddress: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            industry: string | null;
                            licences: {
                                type: string;
                                number: string;
                                validFrom?: string | null;
                                validTo?: string | null;
                            }[];
                            keyDomains: string[];
                            operatingState: string;
                            riskClass: string;
                            /** @description masked (张*) without person.readPersonal */
                            legalRepresentative: string | null;
                            /** @description masked (138****1234) without person.readPersonal */
                            contactPhone: string | null;
                            personalMasked: boolean;
                            /** @description doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check */
                            usccWarnings: "orgCodeCheck"[];
                            gridCode: string | null;
                            areaCode: string;
                            unplacedReason: ("noLocation" | "outsideGrids") | (never | null);
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description raised by every change; the ETag. Send it back as If-Match to change the business safely */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改市场主体（改位置即重新入格；If-Match 版本不符则 409）Change a business; a new location re-places it; a stale If-Match is a 409 */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description unified social credit code (GB 32100-2015) */
                        uscc?: string;
                        name?: string;
                        /** @description derived from the USCC when omitted */
                        kind?: ("enterprise" | "individual" | "cooperative" | "other") | (never | null);
                        registeredAddress?: string;
                        actualAddress?: string | null;
                        /** @description in `crs` (default WGS84), stored as WGS-84 */
                        location?: {
                            lng: number;
                            lat: number;
                        } | null;
                        industry?: string | null;
                        licences?: {
                            type: string;
                            number: string;
                            /** @description YYYY-MM-DD */
                            validFrom?: string | null;
                            /** @description YYYY-MM-DD */
                            validTo?: string | null;
                        }[];
                        keyDomains?: ("food" | "special_food" | "special_equipment" | "industrial_products")[];
                        operatingState?: "operating" | "suspended" | "closed" | "deregistered";
                        riskClass?: "high" | "higher" | "general" | "low";
                        legalRepresentative?: string | null;
                        contactPhone?: string | null;
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            uscc: string;
                            name: string;
                            kind: "enterprise" | "individual" | "cooperative" | "other";
                            registeredAddress: string;
                            actualAddress: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            industry: string | null;
                            licences: {
                                type: string;
                                number: string;
                                validFrom?: string | null;
                                validTo?: string | null;
                            }[];
                            keyDomains: string[];
                            operatingState: string;
                            riskClass: string;
                            /** @description masked (张*) without person.readPersonal */
                            legalRepresentative: string | null;
                            /** @description masked (138****1234) without person.readPersonal */
                            contactPhone: string | null;
                            personalMasked: boolean;
                            /** @description doubts that do not refuse the code: orgCodeCheck = its GB 11714 organisation-code check character (17th) does not check */
                            usccWarnings: "orgCodeCheck"[];
                            gridCode: string | null;
                            areaCode: string;
                            unplacedReason: ("noLocation" | "outsideGrids") | (never | null);
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description raised by every change; the ETag. Send it back as If-Match to change the business safely */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 人员台账 List people */
        get: {
            parameters: {
                query: {
                    q?: string;
                    role?: "grid_head" | "grid_manager" | "informant" | "overseer" | "station_chief" | "district_chief" | "command_operator" | "credit_officer" | "department_liaison" | "administrator";
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    /** @description area code: two digits per level (M1.2) */
                    gridCode?: string;
                    onDuty?: boolean;
                    after?: number;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                name: string;
                                position: string;
                                phone: string | null;
                                phoneMasked: boolean;
                                organisation: string | null;
                                areaCode: string;
                                onDuty: boolean;
                                roles: {
                                    role: string;
                                    areaCode: string;
                                }[];
                                /** Format: date-time */
                                updatedAt: string;
                                /** @description raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely */
                                version: number;
                            }[];
                            nextAfter: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新增人员 Add a person */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        position: "station_chief" | "deputy_station_chief" | "supervision_officer" | "coordinator" | "community_cadre" | "deputy" | "property_manager" | "department_staff" | "other";
                        /** @description mobile 13800138000 or landline 029-83123456 */
                        phone?: string | null;
                        organisation?: string | null;
                        /** @description area code: two digits per level (M1.2) */
                        areaCode: string;
                        /** @default true */
                        onDuty?: boolean;
                        roles?: {
                            /** @description grid_head | grid_manager | informant | overseer | station_chief | district_chief | command_operator | credit_officer | department_liaison | administrator */
                            role: string;
                            /** @description area code: two digits per level (M1.2) */
                            areaCode: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: string;
                            phone: string | null;
                            phoneMasked: boolean;
                            organisation: string | null;
                            areaCode: string;
                            onDuty: boolean;
                            roles: {
                                role: string;
                                areaCode: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 人员详情（有权限时显示完整电话并记录审计）Get a person */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: string;
                            phone: string | null;
                            phoneMasked: boolean;
                            organisation: string | null;
                            areaCode: string;
                            onDuty: boolean;
                            roles: {
                                role: string;
                                areaCode: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 修改人员；不在岗：onDuty=false 且 roles=[] Change a person (no deletion) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        position?: "station_chief" | "deputy_station_chief" | "supervision_officer" | "coordinator" | "community_cadre" | "deputy" | "property_manager" | "department_staff" | "other";
                        /** @description mobile 13800138000 or landline 029-83123456 */
                        phone?: string | null;
                        organisation?: string | null;
                        /** @description area code: two digits per level (M1.2) */
                        areaCode?: string;
                        onDuty?: boolean;
                        /** @description replaces the duties inside your scope */
                        roles?: {
                            /** @description grid_head | grid_manager | informant | overseer | station_chief | district_chief | command_operator | credit_officer | department_liaison | administrator */
                            role: string;
                            /** @description area code: two digits per level (M1.2) */
                            areaCode: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            position: string;
                            phone: string | null;
                            phoneMasked: boolean;
                            organisation: string | null;
                            areaCode: string;
                            onDuty: boolean;
                            roles: {
                                role: string;
                                areaCode: string;
                            }[];
                            /** Format: date-time */
                            updatedAt: string;
                            /** @description raised by every change, duties included; the ETag. Send it back as If-Match to change the person safely */
                            version: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/staffing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 网格人员配置检查 Staffing of the grids (M2.3) */
        get: {
            parameters: {
                query: {
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    violationsOnly: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            under: string;
                            grids: {
                                code: string;
                                name: string;
                                counts: {
                                    gridHead: number;
                                    gridManager: number;
                                    informant: number;
                                    overseer: number;
                                    /** @description people holding a duty here while off duty; they count in no rule */
                                    offDuty: number;
                                };
                                gridHeads: {
                                    id: number;
                                    name: string;
                                }[];
                                overseers: {
                                    id: number;
                                    name: string;
                                }[];
                                violations: {
                                    code: "noGridHead" | "gridHeadNotOfficer" | "noOverseer" | "tooManyOverseers";
                                    zh: string;
                                    en: string;
                                    people: {
                                        id: number;
                                        name: string;
                                    }[];
                                }[];
                            }[];
                            /** @description duties still held on retired (split, merged) grids, to re-assign */
                            retiredDuties: {
                                areaCode: string;
                                areaName: string;
                                successorCodes: string[];
                                role: string;
                                person: {
                                    id: number;
                                    name: string;
                                };
                            }[];
                            summary: {
                                grids: number;
                                gridsOk: number;
                                gridsWithViolations: number;
                                violations: {
                                    noGridHead: number;
                                    gridHeadNotOfficer: number;
                                    noOverseer: number;
                                    tooManyOverseers: number;
                                };
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出市场主体台账（CSV/xlsx）Export the business ledger */
        get: {
            parameters: {
                query: {
                    format: "csv" | "xlsx";
                    /** @description language of the column headings; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                    /** @description name contains, or USCC prefix when it looks like one */
                    q?: string;
                    /** @description USCC or its first characters (prefix search) */
                    uscc?: string;
                    /** @description registered or actual address contains */
                    address?: string;
                    /** @description area code: two digits per level (M1.2) */
                    gridCode?: string;
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    industry?: string;
                    riskClass?: "high" | "higher" | "general" | "low";
                    kind?: "enterprise" | "individual" | "cooperative" | "other";
                    operatingState?: "operating" | "suspended" | "closed" | "deregistered";
                    placed?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file, in the import columns */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导入市场主体台账（CSV/xlsx，字段 file）Import businesses (multipart field "file") */
        post: {
            parameters: {
                query: {
                    /** @description all: nothing lands if any row is refused; valid: the valid rows land */
                    mode: "all" | "valid";
                    dryRun: boolean;
                    crs: "WGS84" | "GCJ02" | "BD09";
                    /** @description a code already registered: refuse the row, or update that business from it (only the columns the file has) */
                    existing: "refuse" | "update";
                    /** @description a row that cannot be placed in a grid: import it unplaced (listed as a warning), or refuse it */
                    unplaced: "accept" | "refuse";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            rows: number;
                            accepted: number;
                            refused: number;
                            refusals: {
                                row: number;
                                field: string;
                                column: string;
                                rule: string;
                                message: string;
                            }[];
                            refusalsTotal: number;
                            /** @description accepted rows that will land unplaced */
                            warnings: {
                                row: number;
                                field: string;
                                column: string;
                                rule: string;
                                message: string;
                            }[];
                            warningsTotal: number;
                            placed: number;
                            unplaced: number;
                            created: number;
                            updated: number;
                            /** @description rows naming a registered business as it is: not written */
                            unchanged: number;
                            /** @description update mode: per row, what changes from what to what (the first 1,000) */
                            changes: {
                                row: number;
                                id: number;
                                uscc: string;
                                name: string;
                                fields: {
                                    field: string;
                                    column: string;
                                    from: string;
                                    to: string;
                                }[];
                                grid?: {
                                    from: string | null;
                                    to: string | null;
                                };
                            }[];
                            mode: string;
                            existing: string;
                            dryRun: boolean;
                            sha256: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/businesses/import/refused-rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导入文件中被拒绝的行（xlsx，首列为原因，改正后可直接重新导入）The refused rows of an import file as a workbook, with the reasons */
        post: {
            parameters: {
                query: {
                    crs: "WGS84" | "GCJ02" | "BD09";
                    /** @description a code already registered: refuse the row, or update that business from it (only the columns the file has) */
                    existing: "refuse" | "update";
                    /** @description a row that cannot be placed in a grid: import it unplaced (listed as a warning), or refuse it */
                    unplaced: "accept" | "refuse";
                    /** @description language of the column headings; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 导入人员台账（multipart 字段 file，CSV 或 xlsx）Import people */
        post: {
            parameters: {
                query: {
                    /** @description all: nothing lands if a row is refused; valid: accepted rows land */
                    mode: "all" | "valid";
                    dryRun: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            format: string;
                            sha256: string;
                            mode: string;
                            dryRun: boolean;
                            rows: number;
                            accepted: number;
                            refused: number;
                            created: number;
                            updated: number;
                            /** @description rows with an id that change nothing: not written */
                            unchanged: number;
                            /** @description per updating row, what changes from what to what (the first 1,000) */
                            changes: {
                                row: number;
                                id: number;
                                name: string;
                                fields: {
                                    field: string;
                                    column: string;
                                    from: string;
                                    to: string;
                                }[];
                            }[];
                            refusals: {
                                row: number;
                                field: string;
                                column: string;
                                rule: string;
                                message: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/import/refused-rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 人员导入文件中被拒绝的行（xlsx，首列为原因，改正后可直接重新导入）The refused rows of a people import file as a workbook, with the reasons */
        post: {
            parameters: {
                query?: {
                    /** @description language of the column headings; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the workbook */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/people/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 导出人员台账 Export people (CSV or xlsx) */
        get: {
            parameters: {
                query: {
                    format: "csv" | "xlsx";
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    /** @description language of the column headings; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": unknown;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/map/tiles/{z}/{x}/{y}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 电子地图矢量瓦片（MVT）Vector tile of the electronic map
         * @description Mapbox Vector Tile 2.1; layers and properties: src/modules/map/tile-layers.ts. Scoped to the user; ETag + If-None-Match.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description zoom, 0–20 */
                    z: string;
                    /** @description column, 0 … 2^z − 1 */
                    x: string;
                    /** @description row, 0 … 2^z − 1 (a .mvt or .pbf suffix is allowed) */
                    y: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description MVT tile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": string;
                    };
                };
                /** @description Default Response */
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.mapbox-vector-tile": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/map/locate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 地图定位：市场主体或区域 Where to fly: a business or an area */
        get: {
            parameters: {
                query: {
                    /** @description USCC, business name, area code or area name */
                    q: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: ({
                                /** @enum {string} */
                                kind: "area";
                                code: string;
                                level: number;
                                label: string;
                                point: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                /** @description [west, south, east, north] */
                                bbox: [
                                    number,
                                    number,
                                    number,
                                    number
                                ] | null;
                            } | {
                                /** @enum {string} */
                                kind: "business";
                                id: number;
                                uscc: string;
                                label: string;
                                gridCode: string | null;
                                point: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                /** @enum {object|null} */
                                bbox: never | null;
                            })[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/map/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 地图设置（底图）Map settings (basemap) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            basemap: {
                                /** @enum {string} */
                                kind: "none";
                            } | {
                                /** @enum {string} */
                                kind: "tianditu";
                                token: string;
                            } | {
                                /** @enum {string} */
                                kind: "xyz";
                                url: string;
                                attribution?: string;
                            } | {
                                /** @enum {string} */
                                kind: "pmtiles";
                                url: string;
                            };
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        /** 修改地图底图 Set the basemap */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        basemap: {
                            /** @description none | tianditu | xyz | pmtiles */
                            kind: string;
                            token?: string;
                            url?: string;
                            attribution?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            basemap: {
                                /** @enum {string} */
                                kind: "none";
                            } | {
                                /** @enum {string} */
                                kind: "tianditu";
                                token: string;
                            } | {
                                /** @enum {string} */
                                kind: "xyz";
                                url: string;
                                attribution?: string;
                            } | {
                                /** @enum {string} */
                                kind: "pmtiles";
                                url: string;
                            };
                            /** Format: date-time */
                            updatedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 指挥中心：按状态与区域统计、临期与超期、紧急事件 Command centre counts, deadlines and emergencies */
        get: {
            parameters: {
                query: {
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    dueWithinHours: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            under: string;
                            byState: {
                                [key: string]: number;
                            };
                            byArea: {
                                code: string;
                                name: string;
                                open: number;
                                overdue: number;
                                emergency: number;
                            }[];
                            open: number;
                            overdue: number;
                            emergencies: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                gridCode: string | null;
                                holderCode: string;
                                emergency: boolean;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                overdueAt: string | null;
                            }[];
                            dueSoon: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                gridCode: string | null;
                                holderCode: string;
                                emergency: boolean;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                overdueAt: string | null;
                            }[];
                            overdueCases: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                gridCode: string | null;
                                holderCode: string;
                                emergency: boolean;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                overdueAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 未办结事件点位（GeoJSON）Open cases as GeoJSON points for the map */
        get: {
            parameters: {
                query: {
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            type: "FeatureCollection";
                            features: {
                                /** @enum {string} */
                                type: "Feature";
                                id: number;
                                geometry: {
                                    /** @enum {string} */
                                    type: "Point";
                                    coordinates: number[];
                                };
                                properties: {
                                    id: number;
                                    state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                    emergency: boolean;
                                    overdue: boolean;
                                    title: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/loop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 办理流程（状态与步骤的声明）The case loop as declared: states and steps */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            states: {
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                label: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            transitions: {
                                action: "accept" | "dispatch" | "dismiss" | "merge" | "verify" | "escalate" | "refer" | "acknowledge" | "returnReferral" | "progress" | "report" | "departmentReport" | "close" | "sendBack" | "reopen" | "record";
                                from: ("new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged")[];
                                to: string;
                                roles: string[];
                                standing: string;
                                requires: {
                                    [key: string]: unknown;
                                };
                                label: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            sources: {
                                source: string;
                                label: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                            /** @description what a timeline holds besides steps (filing, deadline flags, merges, ratings) */
                            events: {
                                action: string;
                                label: {
                                    zh: string;
                                    en: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 事件列表与我的待办 Cases in your area; queue=mine for your to-do list */
        get: {
            parameters: {
                query: {
                    /** @description mine: open cases you can take a step on now, most urgent first */
                    queue?: "mine" | "all";
                    state?: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                    /** @description area code: two digits per level (M1.2) */
                    under?: string;
                    categoryCode?: string;
                    emergency?: boolean;
                    overdue?: boolean;
                    open?: boolean;
                    /** @description tracking number or words of the title */
                    q?: string;
                    after?: number;
                    limit: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                trackingNo: string;
                                source: "patrol" | "complaint" | "hotline12315" | "media" | "referral" | "superior";
                                categoryCode: string;
                                category: {
                                    zh: string;
                                    en: string;
                                };
                                emergency: boolean;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                /** @description null while the case waits for the command centre to place it */
                                gridCode: string | null;
                                /** @description the area holding the case now: its grid, or the station/district it was escalated to */
                                holderCode: string;
                                departmentCode: string | null;
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                address: string | null;
                                businessId: number | null;
                                title: string;
                                description: string;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                overdueAt: string | null;
                                overdueLevel: number;
                                mergedInto: number | null;
                                rating: number | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                /** Format: date-time */
                                closedAt: string | null;
                                /** @description the ETag; send it back as If-Match with a step */
                                version: number;
                            }[];
                            nextAfter: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 登记事件（可带 Idempotency-Key）File a case (Idempotency-Key accepted) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        source: "patrol" | "complaint" | "hotline12315" | "media" | "referral" | "superior";
                        categoryCode: string;
                        title: string;
                        description: string;
                        location?: {
                            lng: number;
                            lat: number;
                        };
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        /** @description area code: two digits per level (M1.2) */
                        gridCode?: string;
                        address?: string;
                        businessId?: number;
                        contact?: {
                            name?: string;
                            phone?: string;
                            /** Format: email */
                            email?: string;
                        };
                        evidence?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            trackingNo: string;
                            source: "patrol" | "complaint" | "hotline12315" | "media" | "referral" | "superior";
                            categoryCode: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            emergency: boolean;
                            state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                            /** @description null while the case waits for the command centre to place it */
                            gridCode: string | null;
                            /** @description the area holding the case now: its grid, or the station/district it was escalated to */
                            holderCode: string;
                            departmentCode: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            address: string | null;
                            businessId: number | null;
                            title: string;
                            description: string;
                            /** Format: date-time */
                            dueAt: string | null;
                            /** Format: date-time */
                            overdueAt: string | null;
                            overdueLevel: number;
                            mergedInto: number | null;
                            rating: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            /** @description the ETag; send it back as If-Match with a step */
                            version: number;
                        } & {
                            contact: {
                                name: string | null;
                                phone: string | null;
                                email: string | null;
                                masked: boolean;
                            } | null;
                            steps: {
                                id: number;
                                action: string;
                                fromState: ("new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged") | (never | null);
                                toState: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                actorName: string | null;
                                note: string | null;
                                changes: {
                                    [key: string]: {
                                        from: unknown;
                                        to: unknown;
                                    };
                                } | null;
                                evidence: string[];
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** @description the steps you may take now */
                            actions: ("accept" | "dispatch" | "dismiss" | "merge" | "verify" | "escalate" | "refer" | "acknowledge" | "returnReferral" | "progress" | "report" | "departmentReport" | "close" | "sendBack" | "reopen" | "record")[];
                            duplicates: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                distanceM: number;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            trackingNo: string;
                            source: "patrol" | "complaint" | "hotline12315" | "media" | "referral" | "superior";
                            categoryCode: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            emergency: boolean;
                            state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                            /** @description null while the case waits for the command centre to place it */
                            gridCode: string | null;
                            /** @description the area holding the case now: its grid, or the station/district it was escalated to */
                            holderCode: string;
                            departmentCode: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            address: string | null;
                            businessId: number | null;
                            title: string;
                            description: string;
                            /** Format: date-time */
                            dueAt: string | null;
                            /** Format: date-time */
                            overdueAt: string | null;
                            overdueLevel: number;
                            mergedInto: number | null;
                            rating: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            /** @description the ETag; send it back as If-Match with a step */
                            version: number;
                        } & {
                            contact: {
                                name: string | null;
                                phone: string | null;
                                email: string | null;
                                masked: boolean;
                            } | null;
                            steps: {
                                id: number;
                                action: string;
                                fromState: ("new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged") | (never | null);
                                toState: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                actorName: string | null;
                                note: string | null;
                                changes: {
                                    [key: string]: {
                                        from: unknown;
                                        to: unknown;
                                    };
                                } | null;
                                evidence: string[];
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** @description the steps you may take now */
                            actions: ("accept" | "dispatch" | "dismiss" | "merge" | "verify" | "escalate" | "refer" | "acknowledge" | "returnReferral" | "progress" | "report" | "departmentReport" | "close" | "sendBack" | "reopen" | "record")[];
                            duplicates: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                distanceM: number;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 事件详情与办理过程（ETag 为版本号）A case with its timeline (ETag: its version) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            trackingNo: string;
                            source: "patrol" | "complaint" | "hotline12315" | "media" | "referral" | "superior";
                            categoryCode: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            emergency: boolean;
                            state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                            /** @description null while the case waits for the command centre to place it */
                            gridCode: string | null;
                            /** @description the area holding the case now: its grid, or the station/district it was escalated to */
                            holderCode: string;
                            departmentCode: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            address: string | null;
                            businessId: number | null;
                            title: string;
                            description: string;
                            /** Format: date-time */
                            dueAt: string | null;
                            /** Format: date-time */
                            overdueAt: string | null;
                            overdueLevel: number;
                            mergedInto: number | null;
                            rating: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            /** @description the ETag; send it back as If-Match with a step */
                            version: number;
                        } & {
                            contact: {
                                name: string | null;
                                phone: string | null;
                                email: string | null;
                                masked: boolean;
                            } | null;
                            steps: {
                                id: number;
                                action: string;
                                fromState: ("new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged") | (never | null);
                                toState: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                actorName: string | null;
                                note: string | null;
                                changes: {
                                    [key: string]: {
                                        from: unknown;
                                        to: unknown;
                                    };
                                } | null;
                                evidence: string[];
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** @description the steps you may take now */
                            actions: ("accept" | "dispatch" | "dismiss" | "merge" | "verify" | "escalate" | "refer" | "acknowledge" | "returnReferral" | "progress" | "report" | "departmentReport" | "close" | "sendBack" | "reopen" | "record")[];
                            duplicates: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                distanceM: number;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 办理一步（If-Match 版本不符则 409）Take a step of the loop; a stale If-Match is a 409 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action: "accept" | "dispatch" | "dismiss" | "merge" | "verify" | "escalate" | "refer" | "acknowledge" | "returnReferral" | "progress" | "report" | "departmentReport" | "close" | "sendBack" | "reopen" | "record";
                        note?: string;
                        /** @description area code: two digits per level (M1.2) */
                        gridCode?: string;
                        departmentCode?: string;
                        targetCaseId?: number;
                        evidence?: string[];
                        location?: {
                            lng: number;
                            lat: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            trackingNo: string;
                            source: "patrol" | "complaint" | "hotline12315" | "media" | "referral" | "superior";
                            categoryCode: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            emergency: boolean;
                            state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                            /** @description null while the case waits for the command centre to place it */
                            gridCode: string | null;
                            /** @description the area holding the case now: its grid, or the station/district it was escalated to */
                            holderCode: string;
                            departmentCode: string | null;
                            location: {
                                lng: number;
                                lat: number;
                            } | null;
                            address: string | null;
                            businessId: number | null;
                            title: string;
                            description: string;
                            /** Format: date-time */
                            dueAt: string | null;
                            /** Format: date-time */
                            overdueAt: string | null;
                            overdueLevel: number;
                            mergedInto: number | null;
                            rating: number | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            /** @description the ETag; send it back as If-Match with a step */
                            version: number;
                        } & {
                            contact: {
                                name: string | null;
                                phone: string | null;
                                email: string | null;
                                masked: boolean;
                            } | null;
                            steps: {
                                id: number;
                                action: string;
                                fromState: ("new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged") | (never | null);
                                toState: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                actorName: string | null;
                                note: string | null;
                                changes: {
                                    [key: string]: {
                                        from: unknown;
                                        to: unknown;
                                    };
                                } | null;
                                evidence: string[];
                                location: {
                                    lng: number;
                                    lat: number;
                                } | null;
                                /** Format: date-time */
                                dueAt: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** @description the steps you may take now */
                            actions: ("accept" | "dispatch" | "dismiss" | "merge" | "verify" | "escalate" | "refer" | "acknowledge" | "returnReferral" | "progress" | "report" | "departmentReport" | "close" | "sendBack" | "reopen" | "record")[];
                            duplicates: {
                                id: number;
                                trackingNo: string;
                                title: string;
                                state: "new" | "verifying" | "handling" | "referred" | "departmentHandling" | "reviewing" | "closed" | "dismissed" | "merged";
                                distanceM: number;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 查看投诉人联系方式（留痕）The complainant's contact details in clear (audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string | null;
                            phone: string | null;
                            email: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 事件办理全过程记录（可打印页面，含证据哈希与审计哈希；导出留痕）A case's full record as a printable page, with evidence and audit hashes (audited) */
        get: {
            parameters: {
                query?: {
                    /** @description language of the page; default from Accept-Language */
                    lang?: "zh-CN" | "en";
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the page (text/html) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/case-catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 事件类别、流转路线与部门 Categories, routes and departments */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: {
                                code: string;
                                name: {
                                    zh: string;
                                    en: string;
                                };
                                routeCode: string;
                                emergency: boolean;
                                active: boolean;
                            }[];
                            routes: {
                                code: string;
                                name: {
                                    zh: string;
                                    en: string;
                                };
                                referFromLevels: number[];
                            }[];
                            departments: {
                                code: string;
                                name: {
                                    zh: string;
                                    en: string;
                                };
                                active: boolean;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 公众可选的投诉类别 Categories the public may choose */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            name: {
                                zh: string;
                                en: string;
                            };
                            emergency: boolean;
                        }[];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 投诉地图：底图与辖区轮廓 The portal map: basemap and outlines */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            basemap: unknown;
                            outline: {
                                /** @enum {string} */
                                type: "FeatureCollection";
                                features: unknown[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/complaints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 公众投诉举报（无需登录，可带 Idempotency-Key）File a complaint without an account */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        categoryCode: string;
                        title?: string;
                        description: string;
                        location: {
                            lng: number;
                            lat: number;
                        };
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        address?: string;
                        contact?: {
                            name?: string;
                            phone?: string;
                        };
                        evidence?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            trackingNo: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            stage: "received" | "verifying" | "handling" | "closed" | "dismissed";
                            stageLabel: {
                                zh: string;
                                en: string;
                            };
                            /** Format: date-time */
                            filedAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            result: string | null;
                            history: {
                                stage: "received" | "verifying" | "handling" | "closed" | "dismissed";
                                label: {
                                    zh: string;
                                    en: string;
                                };
                                /** Format: date-time */
                                at: string;
                            }[];
                            rating: number | null;
                            canRate: boolean;
                            followingTrackingNo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 公众上传投诉照片（multipart 字段 file）A photo for a complaint (multipart field "file") */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sha256: string;
                            size: number;
                            kind: string;
                            mediaType: string;
                            name: string | null;
                            width: number | null;
                            height: number | null;
                            url: string;
                            thumbnailUrl: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/complaints/{trackingNo}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 按受理编号查询进度 Follow a complaint by its tracking number */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    trackingNo: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            trackingNo: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            stage: "received" | "verifying" | "handling" | "closed" | "dismissed";
                            stageLabel: {
                                zh: string;
                                en: string;
                            };
                            /** Format: date-time */
                            filedAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            result: string | null;
                            history: {
                                stage: "received" | "verifying" | "handling" | "closed" | "dismissed";
                                label: {
                                    zh: string;
                                    en: string;
                                };
                                /** Format: date-time */
                                at: string;
                            }[];
                            rating: number | null;
                            canRate: boolean;
                            followingTrackingNo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public/complaints/{trackingNo}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 评价办理结果 Rate the result */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    trackingNo: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rating: number;
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            trackingNo: string;
                            category: {
                                zh: string;
                                en: string;
                            };
                            stage: "received" | "verifying" | "handling" | "closed" | "dismissed";
                            stageLabel: {
                                zh: string;
                                en: string;
                            };
                            /** Format: date-time */
                            filedAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                            result: string | null;
                            history: {
                                stage: "received" | "verifying" | "handling" | "closed" | "dismissed";
                                label: {
                                    zh: string;
                                    en: string;
                                };
                                /** Format: date-time */
                                at: string;
                            }[];
                            rating: number | null;
                            canRate: boolean;
                            followingTrackingNo: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/intake/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 其他平台转办事件（X-Api-Key 与 Idempotency-Key）Cases from other platforms (X-Api-Key, Idempotency-Key) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-api-key"?: string;
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        source: "complaint" | "hotline12315" | "media" | "referral" | "superior";
                        categoryCode: string;
                        title: string;
                        description: string;
                        location?: {
                            lng: number;
                            lat: number;
                        };
                        /** @default WGS84 */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        gridCode?: string;
                        address?: string;
                        /** @description the order number on the sending platform */
                        externalRef?: string;
                        contact?: {
                            name?: string;
                            phone?: string;
                            /** Format: email */
                            email?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            trackingNo: string;
                            state: string;
                            gridCode: string | null;
                            holderCode: string;
                            dueAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            trackingNo: string;
                            state: string;
                            gridCode: string | null;
                            holderCode: string;
                            dueAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/working-days": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 某日之后第 N 个工作日（不含当日）N working days after a date, the day itself not counted */
        get: {
            parameters: {
                query: {
                    /** @description a day (YYYY-MM-DD, Asia/Shanghai) or an ISO instant */
                    from: string;
                    days: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            days: number;
                            endsOn: string;
                            /** Format: date-time */
                            endsAt: string;
                            nonWorkingDaysSkipped: {
                                day: string;
                                working: boolean;
                                kind: "weekday" | "weekend" | "holiday" | "adjustedWorkday";
                                name: string | null;
                                source: "builtIn" | "administrator" | "unannounced";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar/years/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 某年的节假日与调休上班日 Holidays and adjusted working days of a year */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            year: number;
                            announced: boolean;
                            loadedByAdministrator: boolean;
                            days: {
                                day: string;
                                working: boolean;
                                kind: "weekday" | "weekend" | "holiday" | "adjustedWorkday";
                                name: string | null;
                                source: "builtIn" | "administrator" | "unannounced";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        /** 载入或更正某年日历（系统管理员）Load or correct a year (system administrator) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    year: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description the days that differ from Monday–Friday working: holidays and adjusted working days */
                        days: {
                            /** @description YYYY-MM-DD */
                            day: string;
                            working: boolean;
                            name?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            year: number;
                            announced: boolean;
                            loadedByAdministrator: boolean;
                            days: {
                                day: string;
                                working: boolean;
                                kind: "weekday" | "weekend" | "holiday" | "adjustedWorkday";
                                name: string | null;
                                source: "builtIn" | "administrator" | "unannounced";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 上传证据文件（multipart 字段 file）Upload an evidence file (multipart field "file") */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description sha256 of an evidence file (POST /api/evidence), lower-case hex */
                    "x-content-sha256"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sha256: string;
                            size: number;
                            kind: string;
                            mediaType: string;
                            name: string | null;
                            width: number | null;
                            height: number | null;
                            url: string;
                            thumbnailUrl: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 开始可续传上传（大视频）Start a resumable upload (large videos) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        size: number;
                        mediaType: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            size: number;
                            offset: number;
                            done: boolean;
                            evidence: {
                                sha256: string;
                                size: number;
                                kind: string;
                                mediaType: string;
                                name: string | null;
                                width: number | null;
                                height: number | null;
                                url: string;
                                thumbnailUrl: string | null;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 续传位置 Where a resumable upload stands */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            size: number;
                            offset: number;
                            done: boolean;
                            evidence: {
                                sha256: string;
                                size: number;
                                kind: string;
                                mediaType: string;
                                name: string | null;
                                width: number | null;
                                height: number | null;
                                url: string;
                                thumbnailUrl: string | null;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 追加一段（Upload-Offset 请求头，application/offset+octet-stream）Append a chunk at Upload-Offset */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            size: number;
                            offset: number;
                            done: boolean;
                            evidence: {
                                sha256: string;
                                size: number;
                                kind: string;
                                mediaType: string;
                                name: string | null;
                                width: number | null;
                                height: number | null;
                                url: string;
                                thumbnailUrl: string | null;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/evidence/{sha256}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 下载证据文件 An evidence file */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description sha256 of an evidence file (POST /api/evidence), lower-case hex */
                    sha256: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Default Response */
                206: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/evidence/{sha256}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 证据图片缩略图 The preview of an image */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description sha256 of an evidence file (POST /api/evidence), lower-case hex */
                    sha256: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/webp": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patrol-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 入格巡查事项目录 The patrol item catalogue (current versions) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                code: string;
                                version: number;
                                active: boolean;
                                definition: {
                                    name: {
                                        zh: string;
                                        en: string;
                                    };
                                    targets: {
                                        operatingStates?: ("operating" | "suspended" | "closed" | "deregistered")[];
                                        licensedTradesOnly?: boolean;
                                        annualReportMissing?: boolean;
                                        wholeGrid?: boolean;
                                    };
                                    cycle: {
                                        /** @enum {string} */
                                        kind: "periodic";
                                        days: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "event";
                                        event: "registered" | "annualReportSeason";
                                        dueWorkingDays: number;
                                    };
                                    duties: ("grid_worker" | "grid_head" | "market_operator")[];
                                    checklist: {
                                        /** @description a name for machines: letters and digits, starting with a small letter */
                                        key: string;
                                        text: {
                                            zh: string;
                                            en: string;
                                        };
                                        answer: "yesNo" | "choice" | "number" | "text";
                                        required: boolean;
                                        options?: {
                                            /** @description a name for machines: letters and digits, starting with a small letter */
                                            value: string;
                                            label: {
                                                zh: string;
                                                en: string;
                                            };
                                        }[];
                                    }[];
                                    evidence: {
                                        minPhotos: number;
                                        video: boolean;
                                    };
                                    transfers: {
                                        /** @description a name for machines: letters and digits, starting with a small letter */
                                        question: string;
                                        answers: (boolean | string)[];
                                        categoryCode: string;
                                    }[];
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 新增巡查事项（片区长）Add a patrol item (district chief) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        code: string;
                        definition: {
                            name: {
                                zh: string;
                                en: string;
                            };
                            targets: {
                                operatingStates?: ("operating" | "suspended" | "closed" | "deregistered")[];
                                licensedTradesOnly?: boolean;
                                annualReportMissing?: boolean;
                                wholeGrid?: boolean;
                            };
                            cycle: {
                                /** @enum {string} */
                                kind: "periodic";
                                days: number;
                            } | {
                                /** @enum {string} */
                                kind: "event";
                                event: "registered" | "annualReportSeason";
                                dueWorkingDays: number;
                            };
                            duties: ("grid_worker" | "grid_head" | "market_operator")[];
                            checklist: {
                                /** @description a name for machines: letters and digits, starting with a small letter */
                                key: string;
                                text: {
                                    zh: string;
                                    en: string;
                                };
                                answer: "yesNo" | "choice" | "number" | "text";
                                required: boolean;
                                options?: {
                                    /** @description a name for machines: letters and digits, starting with a small letter */
                                    value: string;
                                    label: {
                                        zh: string;
                                        en: string;
                                    };
                                }[];
                            }[];
                            evidence: {
                                minPhotos: number;
                                video: boolean;
                            };
                            transfers: {
                                /** @description a name for machines: letters and digits, starting with a small letter */
                                question: string;
                                answers: (boolean | string)[];
                                categoryCode: string;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            version: number;
                            active: boolean;
                            definition: {
                                name: {
                                    zh: string;
                                    en: string;
                                };
                                targets: {
                                    operatingStates?: ("operating" | "suspended" | "closed" | "deregistered")[];
                                    licensedTradesOnly?: boolean;
                                    annualReportMissing?: boolean;
                                    wholeGrid?: boolean;
                                };
                                cycle: {
                                    /** @enum {string} */
                                    kind: "periodic";
                                    days: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "event";
                                    event: "registered" | "annualReportSeason";
                                    dueWorkingDays: number;
                                };
                                duties: ("grid_worker" | "grid_head" | "market_operator")[];
                                checklist: {
                                    /** @description a name for machines: letters and digits, starting with a small letter */
                                    key: string;
                                    text: {
                                        zh: string;
                                        en: string;
                                    };
                                    answer: "yesNo" | "choice" | "number" | "text";
                                    required: boolean;
                                    options?: {
                                        /** @description a name for machines: letters and digits, starting with a small letter */
                                        value: string;
                                        label: {
                                            zh: string;
                                            en: string;
                                        };
                                    }[];
                                }[];
                                evidence: {
                                    minPhotos: number;
                                    video: boolean;
                                };
                                transfers: {
                                    /** @description a name for machines: letters and digits, starting with a small letter */
                                    question: string;
                                    answers: (boolean | string)[];
                                    categoryCode: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patrol-items/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 巡查事项及其全部版本 A patrol item with all its versions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            active: boolean;
                            versions: {
                                version: number;
                                definition: {
                                    name: {
                                        zh: string;
                                        en: string;
                                    };
                                    targets: {
                                        operatingStates?: ("operating" | "suspended" | "closed" | "deregistered")[];
                                        licensedTradesOnly?: boolean;
                                        annualReportMissing?: boolean;
                                        wholeGrid?: boolean;
                                    };
                                    cycle: {
                                        /** @enum {string} */
                                        kind: "periodic";
                                        days: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "event";
                                        event: "registered" | "annualReportSeason";
                                        dueWorkingDays: number;
                                    };
                                    duties: ("grid_worker" | "grid_head" | "market_operator")[];
                                    checklist: {
                                        /** @description a name for machines: letters and digits, starting with a small letter */
                                        key: string;
                                        text: {
                                            zh: string;
                                            en: string;
                                        };
                                        answer: "yesNo" | "choice" | "number" | "text";
                                        required: boolean;
                                        options?: {
                                            /** @description a name for machines: letters and digits, starting with a small letter */
                                            value: string;
                                            label: {
                                                zh: string;
                                                en: string;
                                            };
                                        }[];
                                    }[];
                                    evidence: {
                                        minPhotos: number;
                                        video: boolean;
                                    };
                                    transfers: {
                                        /** @description a name for machines: letters and digits, starting with a small letter */
                                        question: string;
                                        answers: (boolean | string)[];
                                        categoryCode: string;
                                    }[];
                                };
                                createdBy: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        /** 修订巡查事项：新版本或启用/停用（片区长；version 为编辑时看到的版本）Revise a patrol item: a new version, or switch it on or off */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    code: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        version: number;
                        definition?: {
                            name: {
                                zh: string;
                                en: string;
                            };
                            targets: {
                                operatingStates?: ("operating" | "suspended" | "closed" | "deregistered")[];
                                licensedTradesOnly?: boolean;
                                annualReportMissing?: boolean;
                                wholeGrid?: boolean;
                            };
                            cycle: {
                                /** @enum {string} */
                                kind: "periodic";
                                days: number;
                            } | {
                                /** @enum {string} */
                                kind: "event";
                                event: "registered" | "annualReportSeason";
                                dueWorkingDays: number;
                            };
                            duties: ("grid_worker" | "grid_head" | "market_operator")[];
                            checklist: {
                                /** @description a name for machines: letters and digits, starting with a small letter */
                                key: string;
                                text: {
                                    zh: string;
                                    en: string;
                                };
                                answer: "yesNo" | "choice" | "number" | "text";
                                required: boolean;
                                options?: {
                                    /** @description a name for machines: letters and digits, starting with a small letter */
                                    value: string;
                                    label: {
                                        zh: string;
                                        en: string;
                                    };
                                }[];
                            }[];
                            evidence: {
                                minPhotos: number;
                                video: boolean;
                            };
                            transfers: {
                                /** @description a name for machines: letters and digits, starting with a small letter */
                                question: string;
                                answers: (boolean | string)[];
                                categoryCode: string;
                            }[];
                        };
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: string;
                            version: number;
                            active: boolean;
                            definition: {
                                name: {
                                    zh: string;
                                    en: string;
                                };
                                targets: {
                                    operatingStates?: ("operating" | "suspended" | "closed" | "deregistered")[];
                                    licensedTradesOnly?: boolean;
                                    annualReportMissing?: boolean;
                                    wholeGrid?: boolean;
                                };
                                cycle: {
                                    /** @enum {string} */
                                    kind: "periodic";
                                    days: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "event";
                                    event: "registered" | "annualReportSeason";
                                    dueWorkingDays: number;
                                };
                                duties: ("grid_worker" | "grid_head" | "market_operator")[];
                                checklist: {
                                    /** @description a name for machines: letters and digits, starting with a small letter */
                                    key: string;
                                    text: {
                                        zh: string;
                                        en: string;
                                    };
                                    answer: "yesNo" | "choice" | "number" | "text";
                                    required: boolean;
                                    options?: {
                                        /** @description a name for machines: letters and digits, starting with a small letter */
                                        value: string;
                                        label: {
                                            zh: string;
                                            en: string;
                                        };
                                    }[];
                                }[];
                                evidence: {
                                    minPhotos: number;
                                    video: boolean;
                                };
                                transfers: {
                                    /** @description a name for machines: letters and digits, starting with a small letter */
                                    question: string;
                                    answers: (boolean | string)[];
                                    categoryCode: string;
                                }[];
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patrol-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 巡查任务（本人辖区内；mine=true 仅本人的）Patrol tasks in the caller's area; mine=true: the caller's own */
        get: {
            parameters: {
                query?: {
                    state?: "open" | "done" | "cancelled";
                    /** @description only the tasks given to the caller */
                    mine?: boolean;
                    /** @description an area code: its grids' tasks */
                    under?: string;
                    itemCode?: string;
                    /** @description nextCursor of the previous page */
                    after?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                itemCode: string;
                                /** @description the item version the task was made with */
                                itemVersion: number;
                                itemName: {
                                    zh: string;
                                    en: string;
                                };
                                /** @description null for a patrol of the whole grid */
                                business: {
                                    id: number;
                                    name: string;
                                    uscc: string;
                                    address: string;
                                } | null;
                                gridCode: string;
                                /** @description the period's first day (periodic items), or the event and its day */
                                period: string;
                                /** Format: date */
                                dueOn: string;
                                overdue: boolean;
                                /** @description null: in the grid's queue */
                                assignee: {
                                    id: number;
                                    name: string;
                                } | null;
                                state: "open" | "done" | "cancelled";
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: number | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patrol-findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 提交巡查记录（编号由手机生成：同一编号同一内容只保存一次，内容不同则 409）Record a finding on a patrol task; the phone makes its id: the same id and content are stored once, other content is a 409 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uuid
                         * @description made on the phone when the finding is recorded
                         */
                        id: string;
                        taskId: number;
                        answers: {
                            [key: string]: boolean | number | string;
                        };
                        note?: string;
                        photos: {
                            /** @description sha256 of an evidence file (POST /api/evidence), lower-case hex */
                            sha256: string;
                            /** Format: date-time */
                            capturedAt?: string;
                            location?: {
                                lng: number;
                                lat: number;
                                /** @description metres, as the phone reports it */
                                accuracy?: number;
                            };
                        }[];
                        location?: {
                            lng: number;
                            lat: number;
                            /** @description metres, as the phone reports it */
                            accuracy?: number;
                        };
                        /** @description of every position in the finding (Chinese map SDKs give GCJ-02) */
                        crs?: "WGS84" | "GCJ02" | "BD09";
                        /**
                         * Format: date-time
                         * @description the phone clock when the finding was recorded
                         */
                        recordedAt: string;
                        /**
                         * Format: date-time
                         * @description the phone clock when this request was sent (not part of the content)
                         */
                        sentAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            taskId: number;
                            itemCode: string;
                            itemVersion: number;
                            businessId: number | null;
                            gridCode: string;
                            answers: {
                                [key: string]: boolean | number | string;
                            };
                            note: string | null;
                            photos: string[];
                            location: {
                                lng: number;
                                lat: number;
                                /** @description metres, as the phone reports it */
                                accuracy?: number;
                            } | null;
                            /** Format: date-time */
                            recordedAt: string;
                            /** Format: date-time */
                            receivedAt: string;
                            /** @description server minus phone clock when it was sent */
                            clockSkewSeconds: number | null;
                            /** @description the phone clock was more than 5 minutes off */
                            clockFlagged: boolean;
                            /** @description cases the finding became (transfer conditions of the item) */
                            caseIds: number[];
                            recordedBy: number;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            taskId: number;
                            itemCode: string;
                            itemVersion: number;
                            businessId: number | null;
                            gridCode: string;
                            answers: {
                                [key: string]: boolean | number | string;
                            };
                            note: string | null;
                            photos: string[];
                            location: {
                                lng: number;
                                lat: number;
                                /** @description metres, as the phone reports it */
                                accuracy?: number;
                            } | null;
                            /** Format: date-time */
                            recordedAt: string;
                            /** Format: date-time */
                            receivedAt: string;
                            /** @description server minus phone clock when it was sent */
                            clockSkewSeconds: number | null;
                            /** @description the phone clock was more than 5 minutes off */
                            clockFlagged: boolean;
                            /** @description cases the finding became (transfer conditions of the item) */
                            caseIds: number[];
                            recordedBy: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patrol-findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 一条巡查记录 One finding */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            taskId: number;
                            itemCode: string;
                            itemVersion: number;
                            businessId: number | null;
                            gridCode: string;
                            answers: {
                                [key: string]: boolean | number | string;
                            };
                            note: string | null;
                            photos: string[];
                            location: {
                                lng: number;
                                lat: number;
                                /** @description metres, as the phone reports it */
                                accuracy?: number;
                            } | null;
                            /** Format: date-time */
                            recordedAt: string;
                            /** Format: date-time */
                            receivedAt: string;
                            /** @description server minus phone clock when it was sent */
                            clockSkewSeconds: number | null;
                            /** @description the phone clock was more than 5 minutes off */
                            clockFlagged: boolean;
                            /** @description cases the finding became (transfer conditions of the item) */
                            caseIds: number[];
                            recordedBy: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/duty": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 本人是否在岗（共享位置）Whether the caller is on duty, sharing their position */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            onDuty: boolean;
                            /** Format: date-time */
                            consentedAt: string | null;
                            intervalSeconds: number;
                            retentionDays: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        /** 上岗（须同意共享位置）或结束在岗 Go on duty (with consent to share the position) or off duty */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        onDuty: boolean;
                        consent?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            onDuty: boolean;
                            /** Format: date-time */
                            consentedAt: string | null;
                            intervalSeconds: number;
                            retentionDays: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 在岗期间报告位置（WGS-84）Report positions while on duty (WGS-84) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        fixes: {
                            lng: number;
                            lat: number;
                            /** @description metres */
                            accuracy?: number;
                            /**
                             * Format: date-time
                             * @description the phone's clock when the fix was taken
                             */
                            recordedAt: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stored: number;
                            intervalSeconds: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/positions/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 辖区内在岗人员的实时位置 Where the on-duty staff of the caller's area are */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                userId: number;
                                name: string;
                                roles: string[];
                                scope: string;
                                lng: number;
                                lat: number;
                                accuracy: number | null;
                                /** Format: date-time */
                                recordedAt: string;
                                /** Format: date-time */
                                receivedAt: string;
                            }[];
                            freshSeconds: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/markets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 辖区内的市场及其月度考核 The markets of the caller's area and their month's assessment */
        get: {
            parameters: {
                query?: {
                    /** @description a month, YYYY-MM (Asia/Shanghai) */
                    period?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description a month, YYYY-MM (Asia/Shanghai) */
                            period: string;
                            ratio: number;
                            items: {
                                id: number;
                                name: string;
                                gridCode: string;
                                gridName: string;
                                hasBoundary: boolean;
                                businessCount: number;
                                operators: {
                                    username: string;
                                    name: string;
                                }[];
                                assessment: {
                                    /** @description a month, YYYY-MM (Asia/Shanghai) */
                                    period: string;
                                    tasksDue: number;
                                    doneOnTime: number;
                                    overdue: number;
                                    findings: number;
                                    sampled: number;
                                    checked: number;
                                    confirmed: number;
                                    discrepancies: number;
                                    score: number | null;
                                };
                                draw: {
                                    id: number;
                                    /** @description a month, YYYY-MM (Asia/Shanghai) */
                                    period: string;
                                    ratio: number;
                                    seed: string;
                                    population: number;
                                    sampled: number;
                                    drawnBy: string | null;
                                    /** Format: date-time */
                                    drawnAt: string;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** 设立市场（网格共治）：名称、网格、场内主体、管理方账号 Set up a market: name, grid, businesses, management accounts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description area code: two digits per level (M1.2) */
                        gridCode: string;
                        usccs?: string[];
                        boundary?: unknown;
                        operators?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            gridCode: string;
                            gridName: string;
                            hasBoundary: boolean;
                            businessCount: number;
                            operators: {
                                username: string;
                                name: string;
                            }[];
                            assessment: {
                                /** @description a month, YYYY-MM (Asia/Shanghai) */
                                period: string;
                                tasksDue: number;
                                doneOnTime: number;
                                overdue: number;
                                findings: number;
                                sampled: number;
                                checked: number;
                                confirmed: number;
                                discrepancies: number;
                                score: number | null;
                            };
                            draw: {
                                id: number;
                                /** @description a month, YYYY-MM (Asia/Shanghai) */
                                period: string;
                                ratio: number;
                                seed: string;
                                population: number;
                                sampled: number;
                                drawnBy: string | null;
                                /** Format: date-time */
                                drawnAt: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/markets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** 更改市场：名称、场内主体名单、管理方账号 Change a market: name, its list of businesses, its management */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        usccs?: string[];
                        operators?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            name: string;
                            gridCode: string;
                            gridName: string;
                            hasBoundary: boolean;
                            businessCount: number;
                            operators: {
                                username: string;
                                name: string;
                            }[];
                            assessment: {
                                /** @description a month, YYYY-MM (Asia/Shanghai) */
                                period: string;
                                tasksDue: number;
                                doneOnTime: number;
                                overdue: number;
                                findings: number;
                                sampled: number;
                                checked: number;
                                confirmed: number;
                                discrepancies: number;
                                score: number | null;
                            };
                            draw: {
                                id: number;
                                /** @description a month, YYYY-MM (Asia/Shanghai) */
                                period: string;
                                ratio: number;
                                seed: string;
                                population: number;
                                sampled: number;
                                drawnBy: string | null;
                                /** Format: date-time */
                                drawnAt: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/markets/{id}/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 某月抽查样本及核查结果 A month's draw of the market's work and the checks */
        get: {
            parameters: {
                query: {
                    /** @description a month, YYYY-MM (Asia/Shanghai) */
                    period: string;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            draw: {
                                id: number;
                                /** @description a month, YYYY-MM (Asia/Shanghai) */
                                period: string;
                                ratio: number;
                                seed: string;
                                population: number;
                                sampled: number;
                                drawnBy: string | null;
                                /** Format: date-time */
                                drawnAt: string;
                            } | null;
                            items: {
                                /** Format: uuid */
                                findingId: string;
                                business: {
                                    id: number;
                                    uscc: string;
                                    name: string;
                                } | null;
                                item: {
                                    code: string;
                                    zh: string;
                                    en: string;
                                };
                                /** Format: date-time */
                                recordedAt: string;
                                recordedBy: string;
                                answers: {
                                    [key: string]: boolean | number | string;
                                };
                                findingNote: string | null;
                                result: ("confirmed" | "discrepancy") | (never | null);
                                note: string | null;
                                checkedBy: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/markets/{id}/draws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 抽取某月的核查样本（月份结束后，一次）Draw a month's sample for checking (after the month, once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description a month, YYYY-MM (Asia/Shanghai) */
                        period: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            draw: {
                                id: number;
                                /** @description a month, YYYY-MM (Asia/Shanghai) */
                                period: string;
                                ratio: number;
                                seed: string;
                                population: number;
                                sampled: number;
                                drawnBy: string | null;
                                /** Format: date-time */
                                drawnAt: string;
                            } | null;
                            items: {
                                /** Format: uuid */
                                findingId: string;
                                business: {
                                    id: number;
                                    uscc: string;
                                    name: string;
                                } | null;
                                item: {
                                    code: string;
                                    zh: string;
                                    en: string;
                                };
                                /** Format: date-time */
                                recordedAt: string;
                                recordedBy: string;
                                answers: {
                                    [key: string]: boolean | number | string;
                                };
                                findingNote: string | null;
                                result: ("confirmed" | "discrepancy") | (never | null);
                                note: string | null;
                                checkedBy: string | null;
                                /** Format: date-time */
                                checkedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/market-checks/{findingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** 记录核查结果 Record what checking a drawn finding found */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        result: "confirmed" | "discrepancy";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            findingId: string;
                            business: {
                                id: number;
                                uscc: string;
                                name: string;
                            } | null;
                            item: {
                                code: string;
                                zh: string;
                                en: string;
                            };
                            /** Format: date-time */
                            recordedAt: string;
                            recordedBy: string;
                            answers: {
                                [key: string]: boolean | number | string;
                            };
                            findingNote: string | null;
                            result: ("confirmed" | "discrepancy") | (never | null);
                            note: string | null;
                            checkedBy: string | null;
                            /** Format: date-time */
                            checkedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                                details?: unknown;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
