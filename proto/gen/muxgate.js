/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const muxgate = $root.muxgate = (() => {

    /**
     * Namespace muxgate.
     * @exports muxgate
     * @namespace
     */
    const muxgate = {};

    muxgate.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof muxgate
         * @namespace
         */
        const v1 = {};

        v1.Scope = (function() {

            /**
             * Properties of a Scope.
             * @typedef {Object} muxgate.v1.Scope.$Properties
             * @property {string|null} [user] Scope user
             * @property {string|null} [claims] Scope claims
             * @property {string|null} [remoteAddr] Scope remoteAddr
             * @property {string|null} [origin] Scope origin
             * @property {string|null} [userAgent] Scope userAgent
             * @property {string|null} [gateway] Scope gateway
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Scope.
             * @memberof muxgate.v1
             * @interface IScope
             * @augments muxgate.v1.Scope.$Properties
             * @deprecated Use muxgate.v1.Scope.$Properties instead.
             */

            /**
             * Shape of a Scope.
             * @typedef {muxgate.v1.Scope.$Properties} muxgate.v1.Scope.$Shape
             */

            /**
             * Constructs a new Scope.
             * @memberof muxgate.v1
             * @classdesc Represents a Scope.
             * @constructor
             * @param {muxgate.v1.Scope.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Scope = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Scope user.
             * @member {string} user
             * @memberof muxgate.v1.Scope
             * @instance
             */
            Scope.prototype.user = "";

            /**
             * Scope claims.
             * @member {string} claims
             * @memberof muxgate.v1.Scope
             * @instance
             */
            Scope.prototype.claims = "";

            /**
             * Scope remoteAddr.
             * @member {string} remoteAddr
             * @memberof muxgate.v1.Scope
             * @instance
             */
            Scope.prototype.remoteAddr = "";

            /**
             * Scope origin.
             * @member {string} origin
             * @memberof muxgate.v1.Scope
             * @instance
             */
            Scope.prototype.origin = "";

            /**
             * Scope userAgent.
             * @member {string} userAgent
             * @memberof muxgate.v1.Scope
             * @instance
             */
            Scope.prototype.userAgent = "";

            /**
             * Scope gateway.
             * @member {string} gateway
             * @memberof muxgate.v1.Scope
             * @instance
             */
            Scope.prototype.gateway = "";

            /**
             * Creates a new Scope instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.Scope
             * @static
             * @param {muxgate.v1.Scope.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.Scope} Scope instance
             * @type {{
             *   (properties: muxgate.v1.Scope.$Shape): muxgate.v1.Scope & muxgate.v1.Scope.$Shape;
             *   (properties?: muxgate.v1.Scope.$Properties): muxgate.v1.Scope;
             * }}
             */
            Scope.create = function(properties) {
                return new Scope(properties);
            };

            /**
             * Encodes the specified Scope message. Does not implicitly {@link muxgate.v1.Scope.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.Scope
             * @static
             * @param {muxgate.v1.Scope.$Properties} message Scope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Scope.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.user != null && $Object.hasOwnProperty.call(message, "user") && message.user !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.user);
                if (message.claims != null && $Object.hasOwnProperty.call(message, "claims") && message.claims !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.claims);
                if (message.remoteAddr != null && $Object.hasOwnProperty.call(message, "remoteAddr") && message.remoteAddr !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.remoteAddr);
                if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.origin);
                if (message.userAgent != null && $Object.hasOwnProperty.call(message, "userAgent") && message.userAgent !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.userAgent);
                if (message.gateway != null && $Object.hasOwnProperty.call(message, "gateway") && message.gateway !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.gateway);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Scope message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.Scope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.Scope & muxgate.v1.Scope.$Shape} Scope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Scope.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.Scope();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.user = value;
                            else
                                delete message.user;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.claims = value;
                            else
                                delete message.claims;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.remoteAddr = value;
                            else
                                delete message.remoteAddr;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.origin = value;
                            else
                                delete message.origin;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userAgent = value;
                            else
                                delete message.userAgent;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gateway = value;
                            else
                                delete message.gateway;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Scope;
        })();

        v1.JoinRequest = (function() {

            /**
             * Properties of a JoinRequest.
             * @typedef {Object} muxgate.v1.JoinRequest.$Properties
             * @property {string|null} [address] JoinRequest address
             * @property {string|null} [stream] JoinRequest stream
             * @property {string|null} [topic] JoinRequest topic
             * @property {Uint8Array|null} [payload] JoinRequest payload
             * @property {muxgate.v1.Scope.$Properties|null} [scope] JoinRequest scope
             * @property {string|null} [since] JoinRequest since
             * @property {number|Long|null} [deadlineMs] JoinRequest deadlineMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinRequest.
             * @memberof muxgate.v1
             * @interface IJoinRequest
             * @augments muxgate.v1.JoinRequest.$Properties
             * @deprecated Use muxgate.v1.JoinRequest.$Properties instead.
             */

            /**
             * Shape of a JoinRequest.
             * @typedef {muxgate.v1.JoinRequest.$Properties} muxgate.v1.JoinRequest.$Shape
             */

            /**
             * Constructs a new JoinRequest.
             * @memberof muxgate.v1
             * @classdesc Represents a JoinRequest.
             * @constructor
             * @param {muxgate.v1.JoinRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinRequest address.
             * @member {string} address
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.address = "";

            /**
             * JoinRequest stream.
             * @member {string} stream
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.stream = "";

            /**
             * JoinRequest topic.
             * @member {string} topic
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.topic = "";

            /**
             * JoinRequest payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.payload = $util.newBuffer([]);

            /**
             * JoinRequest scope.
             * @member {muxgate.v1.Scope.$Properties|null|undefined} scope
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.scope = null;

            /**
             * JoinRequest since.
             * @member {string} since
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.since = "";

            /**
             * JoinRequest deadlineMs.
             * @member {number|Long} deadlineMs
             * @memberof muxgate.v1.JoinRequest
             * @instance
             */
            JoinRequest.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new JoinRequest instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.JoinRequest
             * @static
             * @param {muxgate.v1.JoinRequest.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.JoinRequest} JoinRequest instance
             * @type {{
             *   (properties: muxgate.v1.JoinRequest.$Shape): muxgate.v1.JoinRequest & muxgate.v1.JoinRequest.$Shape;
             *   (properties?: muxgate.v1.JoinRequest.$Properties): muxgate.v1.JoinRequest;
             * }}
             */
            JoinRequest.create = function(properties) {
                return new JoinRequest(properties);
            };

            /**
             * Encodes the specified JoinRequest message. Does not implicitly {@link muxgate.v1.JoinRequest.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.JoinRequest
             * @static
             * @param {muxgate.v1.JoinRequest.$Properties} message JoinRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.address != null && $Object.hasOwnProperty.call(message, "address") && message.address !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.address);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.stream);
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.topic);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.payload);
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    $root.muxgate.v1.Scope.encode(message.scope, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.since != null && $Object.hasOwnProperty.call(message, "since") && message.since !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.since);
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.deadlineMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinRequest message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.JoinRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinRequest & muxgate.v1.JoinRequest.$Shape} JoinRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.JoinRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.address = value;
                            else
                                delete message.address;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.topic = value;
                            else
                                delete message.topic;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.scope = $root.muxgate.v1.Scope.decode(reader, reader.size(), $undefined, _depth + 1, message.scope);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.since = value;
                            else
                                delete message.since;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return JoinRequest;
        })();

        v1.JoinAccept = (function() {

            /**
             * Properties of a JoinAccept.
             * @typedef {Object} muxgate.v1.JoinAccept.$Properties
             * @property {Uint8Array|null} [payload] JoinAccept payload
             * @property {Array.<string>|null} [groups] JoinAccept groups
             * @property {Uint8Array|null} [state] JoinAccept state
             * @property {string|null} [durableGroup] JoinAccept durableGroup
             * @property {string|null} [snapshotPos] JoinAccept snapshotPos
             * @property {boolean|null} [confirm] JoinAccept confirm
             * @property {string|null} [presenceGroup] JoinAccept presenceGroup
             * @property {Uint8Array|null} [presenceInfo] JoinAccept presenceInfo
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinAccept.
             * @memberof muxgate.v1
             * @interface IJoinAccept
             * @augments muxgate.v1.JoinAccept.$Properties
             * @deprecated Use muxgate.v1.JoinAccept.$Properties instead.
             */

            /**
             * Shape of a JoinAccept.
             * @typedef {muxgate.v1.JoinAccept.$Properties} muxgate.v1.JoinAccept.$Shape
             */

            /**
             * Constructs a new JoinAccept.
             * @memberof muxgate.v1
             * @classdesc Represents a JoinAccept.
             * @constructor
             * @param {muxgate.v1.JoinAccept.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinAccept = function (properties) {
                this.groups = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinAccept payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.payload = $util.newBuffer([]);

            /**
             * JoinAccept groups.
             * @member {Array.<string>} groups
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.groups = $util.emptyArray;

            /**
             * JoinAccept state.
             * @member {Uint8Array} state
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.state = $util.newBuffer([]);

            /**
             * JoinAccept durableGroup.
             * @member {string} durableGroup
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.durableGroup = "";

            /**
             * JoinAccept snapshotPos.
             * @member {string} snapshotPos
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.snapshotPos = "";

            /**
             * JoinAccept confirm.
             * @member {boolean} confirm
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.confirm = false;

            /**
             * JoinAccept presenceGroup.
             * @member {string} presenceGroup
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.presenceGroup = "";

            /**
             * JoinAccept presenceInfo.
             * @member {Uint8Array} presenceInfo
             * @memberof muxgate.v1.JoinAccept
             * @instance
             */
            JoinAccept.prototype.presenceInfo = $util.newBuffer([]);

            /**
             * Creates a new JoinAccept instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.JoinAccept
             * @static
             * @param {muxgate.v1.JoinAccept.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.JoinAccept} JoinAccept instance
             * @type {{
             *   (properties: muxgate.v1.JoinAccept.$Shape): muxgate.v1.JoinAccept & muxgate.v1.JoinAccept.$Shape;
             *   (properties?: muxgate.v1.JoinAccept.$Properties): muxgate.v1.JoinAccept;
             * }}
             */
            JoinAccept.create = function(properties) {
                return new JoinAccept(properties);
            };

            /**
             * Encodes the specified JoinAccept message. Does not implicitly {@link muxgate.v1.JoinAccept.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.JoinAccept
             * @static
             * @param {muxgate.v1.JoinAccept.$Properties} message JoinAccept message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinAccept.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.payload);
                if (message.groups != null && message.groups.length)
                    for (let i = 0; i < message.groups.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.groups[i]);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.state);
                if (message.durableGroup != null && $Object.hasOwnProperty.call(message, "durableGroup") && message.durableGroup !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.durableGroup);
                if (message.snapshotPos != null && $Object.hasOwnProperty.call(message, "snapshotPos") && message.snapshotPos !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.snapshotPos);
                if (message.confirm != null && $Object.hasOwnProperty.call(message, "confirm") && message.confirm !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.confirm);
                if (message.presenceGroup != null && $Object.hasOwnProperty.call(message, "presenceGroup") && message.presenceGroup !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.presenceGroup);
                if (message.presenceInfo != null && $Object.hasOwnProperty.call(message, "presenceInfo") && message.presenceInfo.length)
                    writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.presenceInfo);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinAccept message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.JoinAccept
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinAccept & muxgate.v1.JoinAccept.$Shape} JoinAccept
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinAccept.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.JoinAccept();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.groups && message.groups.length))
                                message.groups = [];
                            message.groups.push(reader.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.durableGroup = value;
                            else
                                delete message.durableGroup;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.snapshotPos = value;
                            else
                                delete message.snapshotPos;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.confirm = value;
                            else
                                delete message.confirm;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.presenceGroup = value;
                            else
                                delete message.presenceGroup;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.presenceInfo = value;
                            else
                                delete message.presenceInfo;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return JoinAccept;
        })();

        v1.JoinConfirm = (function() {

            /**
             * Properties of a JoinConfirm.
             * @typedef {Object} muxgate.v1.JoinConfirm.$Properties
             * @property {string|null} [address] JoinConfirm address
             * @property {string|null} [stream] JoinConfirm stream
             * @property {string|null} [topic] JoinConfirm topic
             * @property {Uint8Array|null} [payload] JoinConfirm payload
             * @property {muxgate.v1.Scope.$Properties|null} [scope] JoinConfirm scope
             * @property {Uint8Array|null} [state] JoinConfirm state
             * @property {number|Long|null} [deadlineMs] JoinConfirm deadlineMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinConfirm.
             * @memberof muxgate.v1
             * @interface IJoinConfirm
             * @augments muxgate.v1.JoinConfirm.$Properties
             * @deprecated Use muxgate.v1.JoinConfirm.$Properties instead.
             */

            /**
             * Shape of a JoinConfirm.
             * @typedef {muxgate.v1.JoinConfirm.$Properties} muxgate.v1.JoinConfirm.$Shape
             */

            /**
             * Constructs a new JoinConfirm.
             * @memberof muxgate.v1
             * @classdesc Represents a JoinConfirm.
             * @constructor
             * @param {muxgate.v1.JoinConfirm.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinConfirm = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinConfirm address.
             * @member {string} address
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.address = "";

            /**
             * JoinConfirm stream.
             * @member {string} stream
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.stream = "";

            /**
             * JoinConfirm topic.
             * @member {string} topic
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.topic = "";

            /**
             * JoinConfirm payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.payload = $util.newBuffer([]);

            /**
             * JoinConfirm scope.
             * @member {muxgate.v1.Scope.$Properties|null|undefined} scope
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.scope = null;

            /**
             * JoinConfirm state.
             * @member {Uint8Array} state
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.state = $util.newBuffer([]);

            /**
             * JoinConfirm deadlineMs.
             * @member {number|Long} deadlineMs
             * @memberof muxgate.v1.JoinConfirm
             * @instance
             */
            JoinConfirm.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new JoinConfirm instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.JoinConfirm
             * @static
             * @param {muxgate.v1.JoinConfirm.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.JoinConfirm} JoinConfirm instance
             * @type {{
             *   (properties: muxgate.v1.JoinConfirm.$Shape): muxgate.v1.JoinConfirm & muxgate.v1.JoinConfirm.$Shape;
             *   (properties?: muxgate.v1.JoinConfirm.$Properties): muxgate.v1.JoinConfirm;
             * }}
             */
            JoinConfirm.create = function(properties) {
                return new JoinConfirm(properties);
            };

            /**
             * Encodes the specified JoinConfirm message. Does not implicitly {@link muxgate.v1.JoinConfirm.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.JoinConfirm
             * @static
             * @param {muxgate.v1.JoinConfirm.$Properties} message JoinConfirm message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinConfirm.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.address != null && $Object.hasOwnProperty.call(message, "address") && message.address !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.address);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.stream);
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.topic);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.payload);
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    $root.muxgate.v1.Scope.encode(message.scope, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.state);
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.deadlineMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinConfirm message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.JoinConfirm
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinConfirm & muxgate.v1.JoinConfirm.$Shape} JoinConfirm
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinConfirm.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.JoinConfirm();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.address = value;
                            else
                                delete message.address;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.topic = value;
                            else
                                delete message.topic;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.scope = $root.muxgate.v1.Scope.decode(reader, reader.size(), $undefined, _depth + 1, message.scope);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return JoinConfirm;
        })();

        v1.JoinConfirmReply = (function() {

            /**
             * Properties of a JoinConfirmReply.
             * @typedef {Object} muxgate.v1.JoinConfirmReply.$Properties
             * @property {muxgate.v1.JoinAccept.$Properties|null} [accept] JoinConfirmReply accept
             * @property {muxgate.v1.JoinRefuse.$Properties|null} [refuse] JoinConfirmReply refuse
             * @property {"accept"|"refuse"} [result] JoinConfirmReply result
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinConfirmReply.
             * @memberof muxgate.v1
             * @interface IJoinConfirmReply
             * @augments muxgate.v1.JoinConfirmReply.$Properties
             * @deprecated Use muxgate.v1.JoinConfirmReply.$Properties instead.
             */

            /**
             * Narrowed shape of a JoinConfirmReply.
             * @typedef {{
             *   accept?: muxgate.v1.JoinAccept.$Shape|null;
             *   refuse?: muxgate.v1.JoinRefuse.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ result?: undefined; accept?: null; refuse?: null }|{ result?: "accept"; accept: muxgate.v1.JoinAccept.$Shape; refuse?: null }|{ result?: "refuse"; accept?: null; refuse: muxgate.v1.JoinRefuse.$Shape })
             * )} muxgate.v1.JoinConfirmReply.$Shape
             */

            /**
             * Constructs a new JoinConfirmReply.
             * @memberof muxgate.v1
             * @classdesc Represents a JoinConfirmReply.
             * @constructor
             * @param {muxgate.v1.JoinConfirmReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinConfirmReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinConfirmReply accept.
             * @member {muxgate.v1.JoinAccept.$Properties|null|undefined} accept
             * @memberof muxgate.v1.JoinConfirmReply
             * @instance
             */
            JoinConfirmReply.prototype.accept = null;

            /**
             * JoinConfirmReply refuse.
             * @member {muxgate.v1.JoinRefuse.$Properties|null|undefined} refuse
             * @memberof muxgate.v1.JoinConfirmReply
             * @instance
             */
            JoinConfirmReply.prototype.refuse = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * JoinConfirmReply result.
             * @member {"accept"|"refuse"|undefined} result
             * @memberof muxgate.v1.JoinConfirmReply
             * @instance
             */
            $Object.defineProperty(JoinConfirmReply.prototype, "result", {
                get: $util.oneOfGetter($oneOfFields = ["accept", "refuse"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new JoinConfirmReply instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.JoinConfirmReply
             * @static
             * @param {muxgate.v1.JoinConfirmReply.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.JoinConfirmReply} JoinConfirmReply instance
             * @type {{
             *   (properties: muxgate.v1.JoinConfirmReply.$Shape): muxgate.v1.JoinConfirmReply & muxgate.v1.JoinConfirmReply.$Shape;
             *   (properties?: muxgate.v1.JoinConfirmReply.$Properties): muxgate.v1.JoinConfirmReply;
             * }}
             */
            JoinConfirmReply.create = function(properties) {
                return new JoinConfirmReply(properties);
            };

            /**
             * Encodes the specified JoinConfirmReply message. Does not implicitly {@link muxgate.v1.JoinConfirmReply.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.JoinConfirmReply
             * @static
             * @param {muxgate.v1.JoinConfirmReply.$Properties} message JoinConfirmReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinConfirmReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.accept != null && $Object.hasOwnProperty.call(message, "accept"))
                    $root.muxgate.v1.JoinAccept.encode(message.accept, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.refuse != null && $Object.hasOwnProperty.call(message, "refuse"))
                    $root.muxgate.v1.JoinRefuse.encode(message.refuse, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinConfirmReply message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.JoinConfirmReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinConfirmReply & muxgate.v1.JoinConfirmReply.$Shape} JoinConfirmReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinConfirmReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.JoinConfirmReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.accept = $root.muxgate.v1.JoinAccept.decode(reader, reader.size(), $undefined, _depth + 1, message.accept);
                            message.result = "accept";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.refuse = $root.muxgate.v1.JoinRefuse.decode(reader, reader.size(), $undefined, _depth + 1, message.refuse);
                            message.result = "refuse";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return JoinConfirmReply;
        })();

        v1.JoinRefuse = (function() {

            /**
             * Properties of a JoinRefuse.
             * @typedef {Object} muxgate.v1.JoinRefuse.$Properties
             * @property {string|null} [code] JoinRefuse code
             * @property {string|null} [message] JoinRefuse message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinRefuse.
             * @memberof muxgate.v1
             * @interface IJoinRefuse
             * @augments muxgate.v1.JoinRefuse.$Properties
             * @deprecated Use muxgate.v1.JoinRefuse.$Properties instead.
             */

            /**
             * Shape of a JoinRefuse.
             * @typedef {muxgate.v1.JoinRefuse.$Properties} muxgate.v1.JoinRefuse.$Shape
             */

            /**
             * Constructs a new JoinRefuse.
             * @memberof muxgate.v1
             * @classdesc Represents a JoinRefuse.
             * @constructor
             * @param {muxgate.v1.JoinRefuse.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinRefuse = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinRefuse code.
             * @member {string} code
             * @memberof muxgate.v1.JoinRefuse
             * @instance
             */
            JoinRefuse.prototype.code = "";

            /**
             * JoinRefuse message.
             * @member {string} message
             * @memberof muxgate.v1.JoinRefuse
             * @instance
             */
            JoinRefuse.prototype.message = "";

            /**
             * Creates a new JoinRefuse instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.JoinRefuse
             * @static
             * @param {muxgate.v1.JoinRefuse.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.JoinRefuse} JoinRefuse instance
             * @type {{
             *   (properties: muxgate.v1.JoinRefuse.$Shape): muxgate.v1.JoinRefuse & muxgate.v1.JoinRefuse.$Shape;
             *   (properties?: muxgate.v1.JoinRefuse.$Properties): muxgate.v1.JoinRefuse;
             * }}
             */
            JoinRefuse.create = function(properties) {
                return new JoinRefuse(properties);
            };

            /**
             * Encodes the specified JoinRefuse message. Does not implicitly {@link muxgate.v1.JoinRefuse.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.JoinRefuse
             * @static
             * @param {muxgate.v1.JoinRefuse.$Properties} message JoinRefuse message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinRefuse.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinRefuse message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.JoinRefuse
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinRefuse & muxgate.v1.JoinRefuse.$Shape} JoinRefuse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinRefuse.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.JoinRefuse();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return JoinRefuse;
        })();

        v1.JoinReply = (function() {

            /**
             * Properties of a JoinReply.
             * @typedef {Object} muxgate.v1.JoinReply.$Properties
             * @property {muxgate.v1.JoinAccept.$Properties|null} [accept] JoinReply accept
             * @property {muxgate.v1.JoinRefuse.$Properties|null} [refuse] JoinReply refuse
             * @property {"accept"|"refuse"} [result] JoinReply result
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a JoinReply.
             * @memberof muxgate.v1
             * @interface IJoinReply
             * @augments muxgate.v1.JoinReply.$Properties
             * @deprecated Use muxgate.v1.JoinReply.$Properties instead.
             */

            /**
             * Narrowed shape of a JoinReply.
             * @typedef {{
             *   accept?: muxgate.v1.JoinAccept.$Shape|null;
             *   refuse?: muxgate.v1.JoinRefuse.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ result?: undefined; accept?: null; refuse?: null }|{ result?: "accept"; accept: muxgate.v1.JoinAccept.$Shape; refuse?: null }|{ result?: "refuse"; accept?: null; refuse: muxgate.v1.JoinRefuse.$Shape })
             * )} muxgate.v1.JoinReply.$Shape
             */

            /**
             * Constructs a new JoinReply.
             * @memberof muxgate.v1
             * @classdesc Represents a JoinReply.
             * @constructor
             * @param {muxgate.v1.JoinReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const JoinReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * JoinReply accept.
             * @member {muxgate.v1.JoinAccept.$Properties|null|undefined} accept
             * @memberof muxgate.v1.JoinReply
             * @instance
             */
            JoinReply.prototype.accept = null;

            /**
             * JoinReply refuse.
             * @member {muxgate.v1.JoinRefuse.$Properties|null|undefined} refuse
             * @memberof muxgate.v1.JoinReply
             * @instance
             */
            JoinReply.prototype.refuse = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * JoinReply result.
             * @member {"accept"|"refuse"|undefined} result
             * @memberof muxgate.v1.JoinReply
             * @instance
             */
            $Object.defineProperty(JoinReply.prototype, "result", {
                get: $util.oneOfGetter($oneOfFields = ["accept", "refuse"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new JoinReply instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.JoinReply
             * @static
             * @param {muxgate.v1.JoinReply.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.JoinReply} JoinReply instance
             * @type {{
             *   (properties: muxgate.v1.JoinReply.$Shape): muxgate.v1.JoinReply & muxgate.v1.JoinReply.$Shape;
             *   (properties?: muxgate.v1.JoinReply.$Properties): muxgate.v1.JoinReply;
             * }}
             */
            JoinReply.create = function(properties) {
                return new JoinReply(properties);
            };

            /**
             * Encodes the specified JoinReply message. Does not implicitly {@link muxgate.v1.JoinReply.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.JoinReply
             * @static
             * @param {muxgate.v1.JoinReply.$Properties} message JoinReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            JoinReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.accept != null && $Object.hasOwnProperty.call(message, "accept"))
                    $root.muxgate.v1.JoinAccept.encode(message.accept, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.refuse != null && $Object.hasOwnProperty.call(message, "refuse"))
                    $root.muxgate.v1.JoinRefuse.encode(message.refuse, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a JoinReply message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.JoinReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinReply & muxgate.v1.JoinReply.$Shape} JoinReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            JoinReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.JoinReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.accept = $root.muxgate.v1.JoinAccept.decode(reader, reader.size(), $undefined, _depth + 1, message.accept);
                            message.result = "accept";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.refuse = $root.muxgate.v1.JoinRefuse.decode(reader, reader.size(), $undefined, _depth + 1, message.refuse);
                            message.result = "refuse";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return JoinReply;
        })();

        v1.Inbound = (function() {

            /**
             * Properties of an Inbound.
             * @typedef {Object} muxgate.v1.Inbound.$Properties
             * @property {string|null} [address] Inbound address
             * @property {string|null} [stream] Inbound stream
             * @property {string|null} [topic] Inbound topic
             * @property {Uint8Array|null} [payload] Inbound payload
             * @property {string|null} [ref] Inbound ref
             * @property {muxgate.v1.Scope.$Properties|null} [scope] Inbound scope
             * @property {Uint8Array|null} [state] Inbound state
             * @property {string|null} [msgId] Inbound msgId
             * @property {number|Long|null} [deadlineMs] Inbound deadlineMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Inbound.
             * @memberof muxgate.v1
             * @interface IInbound
             * @augments muxgate.v1.Inbound.$Properties
             * @deprecated Use muxgate.v1.Inbound.$Properties instead.
             */

            /**
             * Shape of an Inbound.
             * @typedef {muxgate.v1.Inbound.$Properties} muxgate.v1.Inbound.$Shape
             */

            /**
             * Constructs a new Inbound.
             * @memberof muxgate.v1
             * @classdesc Represents an Inbound.
             * @constructor
             * @param {muxgate.v1.Inbound.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Inbound = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Inbound address.
             * @member {string} address
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.address = "";

            /**
             * Inbound stream.
             * @member {string} stream
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.stream = "";

            /**
             * Inbound topic.
             * @member {string} topic
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.topic = "";

            /**
             * Inbound payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.payload = $util.newBuffer([]);

            /**
             * Inbound ref.
             * @member {string} ref
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.ref = "";

            /**
             * Inbound scope.
             * @member {muxgate.v1.Scope.$Properties|null|undefined} scope
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.scope = null;

            /**
             * Inbound state.
             * @member {Uint8Array} state
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.state = $util.newBuffer([]);

            /**
             * Inbound msgId.
             * @member {string} msgId
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.msgId = "";

            /**
             * Inbound deadlineMs.
             * @member {number|Long} deadlineMs
             * @memberof muxgate.v1.Inbound
             * @instance
             */
            Inbound.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Inbound instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.Inbound
             * @static
             * @param {muxgate.v1.Inbound.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.Inbound} Inbound instance
             * @type {{
             *   (properties: muxgate.v1.Inbound.$Shape): muxgate.v1.Inbound & muxgate.v1.Inbound.$Shape;
             *   (properties?: muxgate.v1.Inbound.$Properties): muxgate.v1.Inbound;
             * }}
             */
            Inbound.create = function(properties) {
                return new Inbound(properties);
            };

            /**
             * Encodes the specified Inbound message. Does not implicitly {@link muxgate.v1.Inbound.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.Inbound
             * @static
             * @param {muxgate.v1.Inbound.$Properties} message Inbound message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Inbound.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.address != null && $Object.hasOwnProperty.call(message, "address") && message.address !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.address);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.stream);
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.topic);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.payload);
                if (message.ref != null && $Object.hasOwnProperty.call(message, "ref") && message.ref !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.ref);
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    $root.muxgate.v1.Scope.encode(message.scope, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state.length)
                    writer.uint32(/* id 7, wireType 2 =*/58).bytes(message.state);
                if (message.msgId != null && $Object.hasOwnProperty.call(message, "msgId") && message.msgId !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.msgId);
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.deadlineMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Inbound message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.Inbound
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.Inbound & muxgate.v1.Inbound.$Shape} Inbound
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Inbound.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.Inbound();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.address = value;
                            else
                                delete message.address;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.topic = value;
                            else
                                delete message.topic;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ref = value;
                            else
                                delete message.ref;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.scope = $root.muxgate.v1.Scope.decode(reader, reader.size(), $undefined, _depth + 1, message.scope);
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.msgId = value;
                            else
                                delete message.msgId;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Inbound;
        })();

        v1.Leave = (function() {

            /**
             * Properties of a Leave.
             * @typedef {Object} muxgate.v1.Leave.$Properties
             * @property {string|null} [address] Leave address
             * @property {string|null} [stream] Leave stream
             * @property {string|null} [topic] Leave topic
             * @property {string|null} [reason] Leave reason
             * @property {muxgate.v1.Scope.$Properties|null} [scope] Leave scope
             * @property {Uint8Array|null} [state] Leave state
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Leave.
             * @memberof muxgate.v1
             * @interface ILeave
             * @augments muxgate.v1.Leave.$Properties
             * @deprecated Use muxgate.v1.Leave.$Properties instead.
             */

            /**
             * Shape of a Leave.
             * @typedef {muxgate.v1.Leave.$Properties} muxgate.v1.Leave.$Shape
             */

            /**
             * Constructs a new Leave.
             * @memberof muxgate.v1
             * @classdesc Represents a Leave.
             * @constructor
             * @param {muxgate.v1.Leave.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Leave = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Leave address.
             * @member {string} address
             * @memberof muxgate.v1.Leave
             * @instance
             */
            Leave.prototype.address = "";

            /**
             * Leave stream.
             * @member {string} stream
             * @memberof muxgate.v1.Leave
             * @instance
             */
            Leave.prototype.stream = "";

            /**
             * Leave topic.
             * @member {string} topic
             * @memberof muxgate.v1.Leave
             * @instance
             */
            Leave.prototype.topic = "";

            /**
             * Leave reason.
             * @member {string} reason
             * @memberof muxgate.v1.Leave
             * @instance
             */
            Leave.prototype.reason = "";

            /**
             * Leave scope.
             * @member {muxgate.v1.Scope.$Properties|null|undefined} scope
             * @memberof muxgate.v1.Leave
             * @instance
             */
            Leave.prototype.scope = null;

            /**
             * Leave state.
             * @member {Uint8Array} state
             * @memberof muxgate.v1.Leave
             * @instance
             */
            Leave.prototype.state = $util.newBuffer([]);

            /**
             * Creates a new Leave instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.Leave
             * @static
             * @param {muxgate.v1.Leave.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.Leave} Leave instance
             * @type {{
             *   (properties: muxgate.v1.Leave.$Shape): muxgate.v1.Leave & muxgate.v1.Leave.$Shape;
             *   (properties?: muxgate.v1.Leave.$Properties): muxgate.v1.Leave;
             * }}
             */
            Leave.create = function(properties) {
                return new Leave(properties);
            };

            /**
             * Encodes the specified Leave message. Does not implicitly {@link muxgate.v1.Leave.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.Leave
             * @static
             * @param {muxgate.v1.Leave.$Properties} message Leave message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Leave.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.address != null && $Object.hasOwnProperty.call(message, "address") && message.address !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.address);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.stream);
                if (message.topic != null && $Object.hasOwnProperty.call(message, "topic") && message.topic !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.topic);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    $root.muxgate.v1.Scope.encode(message.scope, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state.length)
                    writer.uint32(/* id 6, wireType 2 =*/50).bytes(message.state);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Leave message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.Leave
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.Leave & muxgate.v1.Leave.$Shape} Leave
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Leave.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.Leave();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.address = value;
                            else
                                delete message.address;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.topic = value;
                            else
                                delete message.topic;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.scope = $root.muxgate.v1.Scope.decode(reader, reader.size(), $undefined, _depth + 1, message.scope);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Leave;
        })();

        v1.OutMsg = (function() {

            /**
             * Properties of an OutMsg.
             * @typedef {Object} muxgate.v1.OutMsg.$Properties
             * @property {Uint8Array|null} [payload] OutMsg payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OutMsg.
             * @memberof muxgate.v1
             * @interface IOutMsg
             * @augments muxgate.v1.OutMsg.$Properties
             * @deprecated Use muxgate.v1.OutMsg.$Properties instead.
             */

            /**
             * Shape of an OutMsg.
             * @typedef {muxgate.v1.OutMsg.$Properties} muxgate.v1.OutMsg.$Shape
             */

            /**
             * Constructs a new OutMsg.
             * @memberof muxgate.v1
             * @classdesc Represents an OutMsg.
             * @constructor
             * @param {muxgate.v1.OutMsg.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OutMsg = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OutMsg payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.OutMsg
             * @instance
             */
            OutMsg.prototype.payload = $util.newBuffer([]);

            /**
             * Creates a new OutMsg instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.OutMsg
             * @static
             * @param {muxgate.v1.OutMsg.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.OutMsg} OutMsg instance
             * @type {{
             *   (properties: muxgate.v1.OutMsg.$Shape): muxgate.v1.OutMsg & muxgate.v1.OutMsg.$Shape;
             *   (properties?: muxgate.v1.OutMsg.$Properties): muxgate.v1.OutMsg;
             * }}
             */
            OutMsg.create = function(properties) {
                return new OutMsg(properties);
            };

            /**
             * Encodes the specified OutMsg message. Does not implicitly {@link muxgate.v1.OutMsg.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.OutMsg
             * @static
             * @param {muxgate.v1.OutMsg.$Properties} message OutMsg message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OutMsg.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.payload);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OutMsg message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.OutMsg
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.OutMsg & muxgate.v1.OutMsg.$Shape} OutMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OutMsg.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.OutMsg();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OutMsg;
        })();

        v1.OutReply = (function() {

            /**
             * Properties of an OutReply.
             * @typedef {Object} muxgate.v1.OutReply.$Properties
             * @property {string|null} [ref] OutReply ref
             * @property {Uint8Array|null} [payload] OutReply payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OutReply.
             * @memberof muxgate.v1
             * @interface IOutReply
             * @augments muxgate.v1.OutReply.$Properties
             * @deprecated Use muxgate.v1.OutReply.$Properties instead.
             */

            /**
             * Shape of an OutReply.
             * @typedef {muxgate.v1.OutReply.$Properties} muxgate.v1.OutReply.$Shape
             */

            /**
             * Constructs a new OutReply.
             * @memberof muxgate.v1
             * @classdesc Represents an OutReply.
             * @constructor
             * @param {muxgate.v1.OutReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OutReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OutReply ref.
             * @member {string} ref
             * @memberof muxgate.v1.OutReply
             * @instance
             */
            OutReply.prototype.ref = "";

            /**
             * OutReply payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.OutReply
             * @instance
             */
            OutReply.prototype.payload = $util.newBuffer([]);

            /**
             * Creates a new OutReply instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.OutReply
             * @static
             * @param {muxgate.v1.OutReply.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.OutReply} OutReply instance
             * @type {{
             *   (properties: muxgate.v1.OutReply.$Shape): muxgate.v1.OutReply & muxgate.v1.OutReply.$Shape;
             *   (properties?: muxgate.v1.OutReply.$Properties): muxgate.v1.OutReply;
             * }}
             */
            OutReply.create = function(properties) {
                return new OutReply(properties);
            };

            /**
             * Encodes the specified OutReply message. Does not implicitly {@link muxgate.v1.OutReply.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.OutReply
             * @static
             * @param {muxgate.v1.OutReply.$Properties} message OutReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OutReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ref != null && $Object.hasOwnProperty.call(message, "ref") && message.ref !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.ref);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.payload);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OutReply message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.OutReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.OutReply & muxgate.v1.OutReply.$Shape} OutReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OutReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.OutReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ref = value;
                            else
                                delete message.ref;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OutReply;
        })();

        v1.OutClose = (function() {

            /**
             * Properties of an OutClose.
             * @typedef {Object} muxgate.v1.OutClose.$Properties
             * @property {string|null} [code] OutClose code
             * @property {string|null} [reason] OutClose reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OutClose.
             * @memberof muxgate.v1
             * @interface IOutClose
             * @augments muxgate.v1.OutClose.$Properties
             * @deprecated Use muxgate.v1.OutClose.$Properties instead.
             */

            /**
             * Shape of an OutClose.
             * @typedef {muxgate.v1.OutClose.$Properties} muxgate.v1.OutClose.$Shape
             */

            /**
             * Constructs a new OutClose.
             * @memberof muxgate.v1
             * @classdesc Represents an OutClose.
             * @constructor
             * @param {muxgate.v1.OutClose.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OutClose = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OutClose code.
             * @member {string} code
             * @memberof muxgate.v1.OutClose
             * @instance
             */
            OutClose.prototype.code = "";

            /**
             * OutClose reason.
             * @member {string} reason
             * @memberof muxgate.v1.OutClose
             * @instance
             */
            OutClose.prototype.reason = "";

            /**
             * Creates a new OutClose instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.OutClose
             * @static
             * @param {muxgate.v1.OutClose.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.OutClose} OutClose instance
             * @type {{
             *   (properties: muxgate.v1.OutClose.$Shape): muxgate.v1.OutClose & muxgate.v1.OutClose.$Shape;
             *   (properties?: muxgate.v1.OutClose.$Properties): muxgate.v1.OutClose;
             * }}
             */
            OutClose.create = function(properties) {
                return new OutClose(properties);
            };

            /**
             * Encodes the specified OutClose message. Does not implicitly {@link muxgate.v1.OutClose.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.OutClose
             * @static
             * @param {muxgate.v1.OutClose.$Properties} message OutClose message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OutClose.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.code);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OutClose message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.OutClose
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.OutClose & muxgate.v1.OutClose.$Shape} OutClose
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OutClose.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.OutClose();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OutClose;
        })();

        v1.OutGroups = (function() {

            /**
             * Properties of an OutGroups.
             * @typedef {Object} muxgate.v1.OutGroups.$Properties
             * @property {Array.<string>|null} [groups] OutGroups groups
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OutGroups.
             * @memberof muxgate.v1
             * @interface IOutGroups
             * @augments muxgate.v1.OutGroups.$Properties
             * @deprecated Use muxgate.v1.OutGroups.$Properties instead.
             */

            /**
             * Shape of an OutGroups.
             * @typedef {muxgate.v1.OutGroups.$Properties} muxgate.v1.OutGroups.$Shape
             */

            /**
             * Constructs a new OutGroups.
             * @memberof muxgate.v1
             * @classdesc Represents an OutGroups.
             * @constructor
             * @param {muxgate.v1.OutGroups.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OutGroups = function (properties) {
                this.groups = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OutGroups groups.
             * @member {Array.<string>} groups
             * @memberof muxgate.v1.OutGroups
             * @instance
             */
            OutGroups.prototype.groups = $util.emptyArray;

            /**
             * Creates a new OutGroups instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.OutGroups
             * @static
             * @param {muxgate.v1.OutGroups.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.OutGroups} OutGroups instance
             * @type {{
             *   (properties: muxgate.v1.OutGroups.$Shape): muxgate.v1.OutGroups & muxgate.v1.OutGroups.$Shape;
             *   (properties?: muxgate.v1.OutGroups.$Properties): muxgate.v1.OutGroups;
             * }}
             */
            OutGroups.create = function(properties) {
                return new OutGroups(properties);
            };

            /**
             * Encodes the specified OutGroups message. Does not implicitly {@link muxgate.v1.OutGroups.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.OutGroups
             * @static
             * @param {muxgate.v1.OutGroups.$Properties} message OutGroups message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OutGroups.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.groups != null && message.groups.length)
                    for (let i = 0; i < message.groups.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.groups[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OutGroups message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.OutGroups
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.OutGroups & muxgate.v1.OutGroups.$Shape} OutGroups
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OutGroups.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.OutGroups();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.groups && message.groups.length))
                                message.groups = [];
                            message.groups.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OutGroups;
        })();

        v1.Outbound = (function() {

            /**
             * Properties of an Outbound.
             * @typedef {Object} muxgate.v1.Outbound.$Properties
             * @property {string|null} [stream] Outbound stream
             * @property {muxgate.v1.OutMsg.$Properties|null} [msg] Outbound msg
             * @property {muxgate.v1.OutReply.$Properties|null} [reply] Outbound reply
             * @property {muxgate.v1.OutClose.$Properties|null} [close] Outbound close
             * @property {muxgate.v1.OutGroups.$Properties|null} [groupAdd] Outbound groupAdd
             * @property {muxgate.v1.OutGroups.$Properties|null} [groupDiscard] Outbound groupDiscard
             * @property {"msg"|"reply"|"close"|"groupAdd"|"groupDiscard"} [kind] Outbound kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Outbound.
             * @memberof muxgate.v1
             * @interface IOutbound
             * @augments muxgate.v1.Outbound.$Properties
             * @deprecated Use muxgate.v1.Outbound.$Properties instead.
             */

            /**
             * Narrowed shape of an Outbound.
             * @typedef {{
             *   stream?: string|null;
             *   msg?: muxgate.v1.OutMsg.$Shape|null;
             *   reply?: muxgate.v1.OutReply.$Shape|null;
             *   close?: muxgate.v1.OutClose.$Shape|null;
             *   groupAdd?: muxgate.v1.OutGroups.$Shape|null;
             *   groupDiscard?: muxgate.v1.OutGroups.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; msg?: null; reply?: null; close?: null; groupAdd?: null; groupDiscard?: null }|{ kind?: "msg"; msg: muxgate.v1.OutMsg.$Shape; reply?: null; close?: null; groupAdd?: null; groupDiscard?: null }|{ kind?: "reply"; msg?: null; reply: muxgate.v1.OutReply.$Shape; close?: null; groupAdd?: null; groupDiscard?: null }|{ kind?: "close"; msg?: null; reply?: null; close: muxgate.v1.OutClose.$Shape; groupAdd?: null; groupDiscard?: null }|{ kind?: "groupAdd"; msg?: null; reply?: null; close?: null; groupAdd: muxgate.v1.OutGroups.$Shape; groupDiscard?: null }|{ kind?: "groupDiscard"; msg?: null; reply?: null; close?: null; groupAdd?: null; groupDiscard: muxgate.v1.OutGroups.$Shape })
             * )} muxgate.v1.Outbound.$Shape
             */

            /**
             * Constructs a new Outbound.
             * @memberof muxgate.v1
             * @classdesc Represents an Outbound.
             * @constructor
             * @param {muxgate.v1.Outbound.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Outbound = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Outbound stream.
             * @member {string} stream
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            Outbound.prototype.stream = "";

            /**
             * Outbound msg.
             * @member {muxgate.v1.OutMsg.$Properties|null|undefined} msg
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            Outbound.prototype.msg = null;

            /**
             * Outbound reply.
             * @member {muxgate.v1.OutReply.$Properties|null|undefined} reply
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            Outbound.prototype.reply = null;

            /**
             * Outbound close.
             * @member {muxgate.v1.OutClose.$Properties|null|undefined} close
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            Outbound.prototype.close = null;

            /**
             * Outbound groupAdd.
             * @member {muxgate.v1.OutGroups.$Properties|null|undefined} groupAdd
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            Outbound.prototype.groupAdd = null;

            /**
             * Outbound groupDiscard.
             * @member {muxgate.v1.OutGroups.$Properties|null|undefined} groupDiscard
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            Outbound.prototype.groupDiscard = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Outbound kind.
             * @member {"msg"|"reply"|"close"|"groupAdd"|"groupDiscard"|undefined} kind
             * @memberof muxgate.v1.Outbound
             * @instance
             */
            $Object.defineProperty(Outbound.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["msg", "reply", "close", "groupAdd", "groupDiscard"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Outbound instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.Outbound
             * @static
             * @param {muxgate.v1.Outbound.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.Outbound} Outbound instance
             * @type {{
             *   (properties: muxgate.v1.Outbound.$Shape): muxgate.v1.Outbound & muxgate.v1.Outbound.$Shape;
             *   (properties?: muxgate.v1.Outbound.$Properties): muxgate.v1.Outbound;
             * }}
             */
            Outbound.create = function(properties) {
                return new Outbound(properties);
            };

            /**
             * Encodes the specified Outbound message. Does not implicitly {@link muxgate.v1.Outbound.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.Outbound
             * @static
             * @param {muxgate.v1.Outbound.$Properties} message Outbound message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Outbound.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.stream);
                if (message.msg != null && $Object.hasOwnProperty.call(message, "msg"))
                    $root.muxgate.v1.OutMsg.encode(message.msg, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.reply != null && $Object.hasOwnProperty.call(message, "reply"))
                    $root.muxgate.v1.OutReply.encode(message.reply, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.close != null && $Object.hasOwnProperty.call(message, "close"))
                    $root.muxgate.v1.OutClose.encode(message.close, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.groupAdd != null && $Object.hasOwnProperty.call(message, "groupAdd"))
                    $root.muxgate.v1.OutGroups.encode(message.groupAdd, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.groupDiscard != null && $Object.hasOwnProperty.call(message, "groupDiscard"))
                    $root.muxgate.v1.OutGroups.encode(message.groupDiscard, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Outbound message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.Outbound
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.Outbound & muxgate.v1.Outbound.$Shape} Outbound
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Outbound.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.Outbound();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.msg = $root.muxgate.v1.OutMsg.decode(reader, reader.size(), $undefined, _depth + 1, message.msg);
                            message.kind = "msg";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.reply = $root.muxgate.v1.OutReply.decode(reader, reader.size(), $undefined, _depth + 1, message.reply);
                            message.kind = "reply";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.close = $root.muxgate.v1.OutClose.decode(reader, reader.size(), $undefined, _depth + 1, message.close);
                            message.kind = "close";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.groupAdd = $root.muxgate.v1.OutGroups.decode(reader, reader.size(), $undefined, _depth + 1, message.groupAdd);
                            message.kind = "groupAdd";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.groupDiscard = $root.muxgate.v1.OutGroups.decode(reader, reader.size(), $undefined, _depth + 1, message.groupDiscard);
                            message.kind = "groupDiscard";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Outbound;
        })();

        v1.GroupMessage = (function() {

            /**
             * Properties of a GroupMessage.
             * @typedef {Object} muxgate.v1.GroupMessage.$Properties
             * @property {string|null} [group] GroupMessage group
             * @property {Uint8Array|null} [payload] GroupMessage payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GroupMessage.
             * @memberof muxgate.v1
             * @interface IGroupMessage
             * @augments muxgate.v1.GroupMessage.$Properties
             * @deprecated Use muxgate.v1.GroupMessage.$Properties instead.
             */

            /**
             * Shape of a GroupMessage.
             * @typedef {muxgate.v1.GroupMessage.$Properties} muxgate.v1.GroupMessage.$Shape
             */

            /**
             * Constructs a new GroupMessage.
             * @memberof muxgate.v1
             * @classdesc Represents a GroupMessage.
             * @constructor
             * @param {muxgate.v1.GroupMessage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const GroupMessage = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * GroupMessage group.
             * @member {string} group
             * @memberof muxgate.v1.GroupMessage
             * @instance
             */
            GroupMessage.prototype.group = "";

            /**
             * GroupMessage payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.GroupMessage
             * @instance
             */
            GroupMessage.prototype.payload = $util.newBuffer([]);

            /**
             * Creates a new GroupMessage instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.GroupMessage
             * @static
             * @param {muxgate.v1.GroupMessage.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.GroupMessage} GroupMessage instance
             * @type {{
             *   (properties: muxgate.v1.GroupMessage.$Shape): muxgate.v1.GroupMessage & muxgate.v1.GroupMessage.$Shape;
             *   (properties?: muxgate.v1.GroupMessage.$Properties): muxgate.v1.GroupMessage;
             * }}
             */
            GroupMessage.create = function(properties) {
                return new GroupMessage(properties);
            };

            /**
             * Encodes the specified GroupMessage message. Does not implicitly {@link muxgate.v1.GroupMessage.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.GroupMessage
             * @static
             * @param {muxgate.v1.GroupMessage.$Properties} message GroupMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GroupMessage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.group != null && $Object.hasOwnProperty.call(message, "group") && message.group !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.group);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.payload);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a GroupMessage message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.GroupMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.GroupMessage & muxgate.v1.GroupMessage.$Shape} GroupMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GroupMessage.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.GroupMessage();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.group = value;
                            else
                                delete message.group;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return GroupMessage;
        })();

        v1.GatewayBeat = (function() {

            /**
             * Properties of a GatewayBeat.
             * @typedef {Object} muxgate.v1.GatewayBeat.$Properties
             * @property {string|null} [gateway] GatewayBeat gateway
             * @property {number|null} [intervalMs] GatewayBeat intervalMs
             * @property {boolean|null} [stopping] GatewayBeat stopping
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GatewayBeat.
             * @memberof muxgate.v1
             * @interface IGatewayBeat
             * @augments muxgate.v1.GatewayBeat.$Properties
             * @deprecated Use muxgate.v1.GatewayBeat.$Properties instead.
             */

            /**
             * Shape of a GatewayBeat.
             * @typedef {muxgate.v1.GatewayBeat.$Properties} muxgate.v1.GatewayBeat.$Shape
             */

            /**
             * Constructs a new GatewayBeat.
             * @memberof muxgate.v1
             * @classdesc Represents a GatewayBeat.
             * @constructor
             * @param {muxgate.v1.GatewayBeat.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const GatewayBeat = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * GatewayBeat gateway.
             * @member {string} gateway
             * @memberof muxgate.v1.GatewayBeat
             * @instance
             */
            GatewayBeat.prototype.gateway = "";

            /**
             * GatewayBeat intervalMs.
             * @member {number} intervalMs
             * @memberof muxgate.v1.GatewayBeat
             * @instance
             */
            GatewayBeat.prototype.intervalMs = 0;

            /**
             * GatewayBeat stopping.
             * @member {boolean} stopping
             * @memberof muxgate.v1.GatewayBeat
             * @instance
             */
            GatewayBeat.prototype.stopping = false;

            /**
             * Creates a new GatewayBeat instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.GatewayBeat
             * @static
             * @param {muxgate.v1.GatewayBeat.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.GatewayBeat} GatewayBeat instance
             * @type {{
             *   (properties: muxgate.v1.GatewayBeat.$Shape): muxgate.v1.GatewayBeat & muxgate.v1.GatewayBeat.$Shape;
             *   (properties?: muxgate.v1.GatewayBeat.$Properties): muxgate.v1.GatewayBeat;
             * }}
             */
            GatewayBeat.create = function(properties) {
                return new GatewayBeat(properties);
            };

            /**
             * Encodes the specified GatewayBeat message. Does not implicitly {@link muxgate.v1.GatewayBeat.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.GatewayBeat
             * @static
             * @param {muxgate.v1.GatewayBeat.$Properties} message GatewayBeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GatewayBeat.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.gateway != null && $Object.hasOwnProperty.call(message, "gateway") && message.gateway !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.gateway);
                if (message.intervalMs != null && $Object.hasOwnProperty.call(message, "intervalMs") && message.intervalMs !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.intervalMs);
                if (message.stopping != null && $Object.hasOwnProperty.call(message, "stopping") && message.stopping !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.stopping);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a GatewayBeat message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.GatewayBeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.GatewayBeat & muxgate.v1.GatewayBeat.$Shape} GatewayBeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GatewayBeat.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.GatewayBeat();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gateway = value;
                            else
                                delete message.gateway;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.intervalMs = value;
                            else
                                delete message.intervalMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.stopping = value;
                            else
                                delete message.stopping;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return GatewayBeat;
        })();

        v1.Control = (function() {

            /**
             * Properties of a Control.
             * @typedef {Object} muxgate.v1.Control.$Properties
             * @property {string|null} [conn] Control conn
             * @property {string|null} [user] Control user
             * @property {string|null} [stream] Control stream
             * @property {string|null} [reason] Control reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Control.
             * @memberof muxgate.v1
             * @interface IControl
             * @augments muxgate.v1.Control.$Properties
             * @deprecated Use muxgate.v1.Control.$Properties instead.
             */

            /**
             * Shape of a Control.
             * @typedef {muxgate.v1.Control.$Properties} muxgate.v1.Control.$Shape
             */

            /**
             * Constructs a new Control.
             * @memberof muxgate.v1
             * @classdesc Represents a Control.
             * @constructor
             * @param {muxgate.v1.Control.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Control = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Control conn.
             * @member {string} conn
             * @memberof muxgate.v1.Control
             * @instance
             */
            Control.prototype.conn = "";

            /**
             * Control user.
             * @member {string} user
             * @memberof muxgate.v1.Control
             * @instance
             */
            Control.prototype.user = "";

            /**
             * Control stream.
             * @member {string} stream
             * @memberof muxgate.v1.Control
             * @instance
             */
            Control.prototype.stream = "";

            /**
             * Control reason.
             * @member {string} reason
             * @memberof muxgate.v1.Control
             * @instance
             */
            Control.prototype.reason = "";

            /**
             * Creates a new Control instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.Control
             * @static
             * @param {muxgate.v1.Control.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.Control} Control instance
             * @type {{
             *   (properties: muxgate.v1.Control.$Shape): muxgate.v1.Control & muxgate.v1.Control.$Shape;
             *   (properties?: muxgate.v1.Control.$Properties): muxgate.v1.Control;
             * }}
             */
            Control.create = function(properties) {
                return new Control(properties);
            };

            /**
             * Encodes the specified Control message. Does not implicitly {@link muxgate.v1.Control.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.Control
             * @static
             * @param {muxgate.v1.Control.$Properties} message Control message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Control.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.conn != null && $Object.hasOwnProperty.call(message, "conn") && message.conn !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.conn);
                if (message.user != null && $Object.hasOwnProperty.call(message, "user") && message.user !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.user);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.stream);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Control message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.Control
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.Control & muxgate.v1.Control.$Shape} Control
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Control.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.Control();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.conn = value;
                            else
                                delete message.conn;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.user = value;
                            else
                                delete message.user;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Control;
        })();

        v1.PresenceMember = (function() {

            /**
             * Properties of a PresenceMember.
             * @typedef {Object} muxgate.v1.PresenceMember.$Properties
             * @property {string|null} [conn] PresenceMember conn
             * @property {string|null} [user] PresenceMember user
             * @property {Uint8Array|null} [info] PresenceMember info
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceMember.
             * @memberof muxgate.v1
             * @interface IPresenceMember
             * @augments muxgate.v1.PresenceMember.$Properties
             * @deprecated Use muxgate.v1.PresenceMember.$Properties instead.
             */

            /**
             * Shape of a PresenceMember.
             * @typedef {muxgate.v1.PresenceMember.$Properties} muxgate.v1.PresenceMember.$Shape
             */

            /**
             * Constructs a new PresenceMember.
             * @memberof muxgate.v1
             * @classdesc Represents a PresenceMember.
             * @constructor
             * @param {muxgate.v1.PresenceMember.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceMember = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceMember conn.
             * @member {string} conn
             * @memberof muxgate.v1.PresenceMember
             * @instance
             */
            PresenceMember.prototype.conn = "";

            /**
             * PresenceMember user.
             * @member {string} user
             * @memberof muxgate.v1.PresenceMember
             * @instance
             */
            PresenceMember.prototype.user = "";

            /**
             * PresenceMember info.
             * @member {Uint8Array} info
             * @memberof muxgate.v1.PresenceMember
             * @instance
             */
            PresenceMember.prototype.info = $util.newBuffer([]);

            /**
             * Creates a new PresenceMember instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.PresenceMember
             * @static
             * @param {muxgate.v1.PresenceMember.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.PresenceMember} PresenceMember instance
             * @type {{
             *   (properties: muxgate.v1.PresenceMember.$Shape): muxgate.v1.PresenceMember & muxgate.v1.PresenceMember.$Shape;
             *   (properties?: muxgate.v1.PresenceMember.$Properties): muxgate.v1.PresenceMember;
             * }}
             */
            PresenceMember.create = function(properties) {
                return new PresenceMember(properties);
            };

            /**
             * Encodes the specified PresenceMember message. Does not implicitly {@link muxgate.v1.PresenceMember.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.PresenceMember
             * @static
             * @param {muxgate.v1.PresenceMember.$Properties} message PresenceMember message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceMember.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.conn != null && $Object.hasOwnProperty.call(message, "conn") && message.conn !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.conn);
                if (message.user != null && $Object.hasOwnProperty.call(message, "user") && message.user !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.user);
                if (message.info != null && $Object.hasOwnProperty.call(message, "info") && message.info.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.info);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PresenceMember message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.PresenceMember
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceMember & muxgate.v1.PresenceMember.$Shape} PresenceMember
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceMember.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.PresenceMember();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.conn = value;
                            else
                                delete message.conn;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.user = value;
                            else
                                delete message.user;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.info = value;
                            else
                                delete message.info;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return PresenceMember;
        })();

        v1.PresenceUpdate = (function() {

            /**
             * Properties of a PresenceUpdate.
             * @typedef {Object} muxgate.v1.PresenceUpdate.$Properties
             * @property {string|null} [gateway] PresenceUpdate gateway
             * @property {muxgate.v1.PresenceDiff.$Properties|null} [diff] PresenceUpdate diff
             * @property {muxgate.v1.PresenceState.$Properties|null} [state] PresenceUpdate state
             * @property {muxgate.v1.PresenceQuery.$Properties|null} [query] PresenceUpdate query
             * @property {"diff"|"state"|"query"} [kind] PresenceUpdate kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceUpdate.
             * @memberof muxgate.v1
             * @interface IPresenceUpdate
             * @augments muxgate.v1.PresenceUpdate.$Properties
             * @deprecated Use muxgate.v1.PresenceUpdate.$Properties instead.
             */

            /**
             * Narrowed shape of a PresenceUpdate.
             * @typedef {{
             *   gateway?: string|null;
             *   diff?: muxgate.v1.PresenceDiff.$Shape|null;
             *   state?: muxgate.v1.PresenceState.$Shape|null;
             *   query?: muxgate.v1.PresenceQuery.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; diff?: null; state?: null; query?: null }|{ kind?: "diff"; diff: muxgate.v1.PresenceDiff.$Shape; state?: null; query?: null }|{ kind?: "state"; diff?: null; state: muxgate.v1.PresenceState.$Shape; query?: null }|{ kind?: "query"; diff?: null; state?: null; query: muxgate.v1.PresenceQuery.$Shape })
             * )} muxgate.v1.PresenceUpdate.$Shape
             */

            /**
             * Constructs a new PresenceUpdate.
             * @memberof muxgate.v1
             * @classdesc Represents a PresenceUpdate.
             * @constructor
             * @param {muxgate.v1.PresenceUpdate.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceUpdate = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceUpdate gateway.
             * @member {string} gateway
             * @memberof muxgate.v1.PresenceUpdate
             * @instance
             */
            PresenceUpdate.prototype.gateway = "";

            /**
             * PresenceUpdate diff.
             * @member {muxgate.v1.PresenceDiff.$Properties|null|undefined} diff
             * @memberof muxgate.v1.PresenceUpdate
             * @instance
             */
            PresenceUpdate.prototype.diff = null;

            /**
             * PresenceUpdate state.
             * @member {muxgate.v1.PresenceState.$Properties|null|undefined} state
             * @memberof muxgate.v1.PresenceUpdate
             * @instance
             */
            PresenceUpdate.prototype.state = null;

            /**
             * PresenceUpdate query.
             * @member {muxgate.v1.PresenceQuery.$Properties|null|undefined} query
             * @memberof muxgate.v1.PresenceUpdate
             * @instance
             */
            PresenceUpdate.prototype.query = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * PresenceUpdate kind.
             * @member {"diff"|"state"|"query"|undefined} kind
             * @memberof muxgate.v1.PresenceUpdate
             * @instance
             */
            $Object.defineProperty(PresenceUpdate.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["diff", "state", "query"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new PresenceUpdate instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.PresenceUpdate
             * @static
             * @param {muxgate.v1.PresenceUpdate.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.PresenceUpdate} PresenceUpdate instance
             * @type {{
             *   (properties: muxgate.v1.PresenceUpdate.$Shape): muxgate.v1.PresenceUpdate & muxgate.v1.PresenceUpdate.$Shape;
             *   (properties?: muxgate.v1.PresenceUpdate.$Properties): muxgate.v1.PresenceUpdate;
             * }}
             */
            PresenceUpdate.create = function(properties) {
                return new PresenceUpdate(properties);
            };

            /**
             * Encodes the specified PresenceUpdate message. Does not implicitly {@link muxgate.v1.PresenceUpdate.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.PresenceUpdate
             * @static
             * @param {muxgate.v1.PresenceUpdate.$Properties} message PresenceUpdate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceUpdate.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.gateway != null && $Object.hasOwnProperty.call(message, "gateway") && message.gateway !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.gateway);
                if (message.diff != null && $Object.hasOwnProperty.call(message, "diff"))
                    $root.muxgate.v1.PresenceDiff.encode(message.diff, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.state != null && $Object.hasOwnProperty.call(message, "state"))
                    $root.muxgate.v1.PresenceState.encode(message.state, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.query != null && $Object.hasOwnProperty.call(message, "query"))
                    $root.muxgate.v1.PresenceQuery.encode(message.query, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PresenceUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.PresenceUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceUpdate & muxgate.v1.PresenceUpdate.$Shape} PresenceUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceUpdate.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.PresenceUpdate();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gateway = value;
                            else
                                delete message.gateway;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.diff = $root.muxgate.v1.PresenceDiff.decode(reader, reader.size(), $undefined, _depth + 1, message.diff);
                            message.kind = "diff";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.state = $root.muxgate.v1.PresenceState.decode(reader, reader.size(), $undefined, _depth + 1, message.state);
                            message.kind = "state";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.query = $root.muxgate.v1.PresenceQuery.decode(reader, reader.size(), $undefined, _depth + 1, message.query);
                            message.kind = "query";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return PresenceUpdate;
        })();

        v1.PresenceDiff = (function() {

            /**
             * Properties of a PresenceDiff.
             * @typedef {Object} muxgate.v1.PresenceDiff.$Properties
             * @property {Array.<muxgate.v1.PresenceMember.$Properties>|null} [joins] PresenceDiff joins
             * @property {Array.<string>|null} [leaves] PresenceDiff leaves
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceDiff.
             * @memberof muxgate.v1
             * @interface IPresenceDiff
             * @augments muxgate.v1.PresenceDiff.$Properties
             * @deprecated Use muxgate.v1.PresenceDiff.$Properties instead.
             */

            /**
             * Shape of a PresenceDiff.
             * @typedef {muxgate.v1.PresenceDiff.$Properties} muxgate.v1.PresenceDiff.$Shape
             */

            /**
             * Constructs a new PresenceDiff.
             * @memberof muxgate.v1
             * @classdesc Represents a PresenceDiff.
             * @constructor
             * @param {muxgate.v1.PresenceDiff.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceDiff = function (properties) {
                this.joins = [];
                this.leaves = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceDiff joins.
             * @member {Array.<muxgate.v1.PresenceMember.$Properties>} joins
             * @memberof muxgate.v1.PresenceDiff
             * @instance
             */
            PresenceDiff.prototype.joins = $util.emptyArray;

            /**
             * PresenceDiff leaves.
             * @member {Array.<string>} leaves
             * @memberof muxgate.v1.PresenceDiff
             * @instance
             */
            PresenceDiff.prototype.leaves = $util.emptyArray;

            /**
             * Creates a new PresenceDiff instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.PresenceDiff
             * @static
             * @param {muxgate.v1.PresenceDiff.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.PresenceDiff} PresenceDiff instance
             * @type {{
             *   (properties: muxgate.v1.PresenceDiff.$Shape): muxgate.v1.PresenceDiff & muxgate.v1.PresenceDiff.$Shape;
             *   (properties?: muxgate.v1.PresenceDiff.$Properties): muxgate.v1.PresenceDiff;
             * }}
             */
            PresenceDiff.create = function(properties) {
                return new PresenceDiff(properties);
            };

            /**
             * Encodes the specified PresenceDiff message. Does not implicitly {@link muxgate.v1.PresenceDiff.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.PresenceDiff
             * @static
             * @param {muxgate.v1.PresenceDiff.$Properties} message PresenceDiff message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceDiff.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.joins != null && message.joins.length)
                    for (let i = 0; i < message.joins.length; ++i)
                        $root.muxgate.v1.PresenceMember.encode(message.joins[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.leaves != null && message.leaves.length)
                    for (let i = 0; i < message.leaves.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.leaves[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PresenceDiff message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.PresenceDiff
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceDiff & muxgate.v1.PresenceDiff.$Shape} PresenceDiff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceDiff.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.PresenceDiff();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.joins && message.joins.length))
                                message.joins = [];
                            message.joins.push($root.muxgate.v1.PresenceMember.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.leaves && message.leaves.length))
                                message.leaves = [];
                            message.leaves.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return PresenceDiff;
        })();

        v1.PresenceState = (function() {

            /**
             * Properties of a PresenceState.
             * @typedef {Object} muxgate.v1.PresenceState.$Properties
             * @property {Array.<muxgate.v1.PresenceMember.$Properties>|null} [members] PresenceState members
             * @property {boolean|null} [first] PresenceState first
             * @property {boolean|null} [last] PresenceState last
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceState.
             * @memberof muxgate.v1
             * @interface IPresenceState
             * @augments muxgate.v1.PresenceState.$Properties
             * @deprecated Use muxgate.v1.PresenceState.$Properties instead.
             */

            /**
             * Shape of a PresenceState.
             * @typedef {muxgate.v1.PresenceState.$Properties} muxgate.v1.PresenceState.$Shape
             */

            /**
             * Constructs a new PresenceState.
             * @memberof muxgate.v1
             * @classdesc Represents a PresenceState.
             * @constructor
             * @param {muxgate.v1.PresenceState.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceState = function (properties) {
                this.members = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PresenceState members.
             * @member {Array.<muxgate.v1.PresenceMember.$Properties>} members
             * @memberof muxgate.v1.PresenceState
             * @instance
             */
            PresenceState.prototype.members = $util.emptyArray;

            /**
             * PresenceState first.
             * @member {boolean} first
             * @memberof muxgate.v1.PresenceState
             * @instance
             */
            PresenceState.prototype.first = false;

            /**
             * PresenceState last.
             * @member {boolean} last
             * @memberof muxgate.v1.PresenceState
             * @instance
             */
            PresenceState.prototype.last = false;

            /**
             * Creates a new PresenceState instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.PresenceState
             * @static
             * @param {muxgate.v1.PresenceState.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.PresenceState} PresenceState instance
             * @type {{
             *   (properties: muxgate.v1.PresenceState.$Shape): muxgate.v1.PresenceState & muxgate.v1.PresenceState.$Shape;
             *   (properties?: muxgate.v1.PresenceState.$Properties): muxgate.v1.PresenceState;
             * }}
             */
            PresenceState.create = function(properties) {
                return new PresenceState(properties);
            };

            /**
             * Encodes the specified PresenceState message. Does not implicitly {@link muxgate.v1.PresenceState.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.PresenceState
             * @static
             * @param {muxgate.v1.PresenceState.$Properties} message PresenceState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceState.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.members != null && message.members.length)
                    for (let i = 0; i < message.members.length; ++i)
                        $root.muxgate.v1.PresenceMember.encode(message.members[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.first != null && $Object.hasOwnProperty.call(message, "first") && message.first !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.first);
                if (message.last != null && $Object.hasOwnProperty.call(message, "last") && message.last !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.last);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PresenceState message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.PresenceState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceState & muxgate.v1.PresenceState.$Shape} PresenceState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceState.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.PresenceState();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.members && message.members.length))
                                message.members = [];
                            message.members.push($root.muxgate.v1.PresenceMember.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.first = value;
                            else
                                delete message.first;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.last = value;
                            else
                                delete message.last;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return PresenceState;
        })();

        v1.PresenceQuery = (function() {

            /**
             * Properties of a PresenceQuery.
             * @typedef {Object} muxgate.v1.PresenceQuery.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PresenceQuery.
             * @memberof muxgate.v1
             * @interface IPresenceQuery
             * @augments muxgate.v1.PresenceQuery.$Properties
             * @deprecated Use muxgate.v1.PresenceQuery.$Properties instead.
             */

            /**
             * Shape of a PresenceQuery.
             * @typedef {muxgate.v1.PresenceQuery.$Properties} muxgate.v1.PresenceQuery.$Shape
             */

            /**
             * Constructs a new PresenceQuery.
             * @memberof muxgate.v1
             * @classdesc Represents a PresenceQuery.
             * @constructor
             * @param {muxgate.v1.PresenceQuery.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PresenceQuery = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Creates a new PresenceQuery instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.PresenceQuery
             * @static
             * @param {muxgate.v1.PresenceQuery.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.PresenceQuery} PresenceQuery instance
             * @type {{
             *   (properties: muxgate.v1.PresenceQuery.$Shape): muxgate.v1.PresenceQuery & muxgate.v1.PresenceQuery.$Shape;
             *   (properties?: muxgate.v1.PresenceQuery.$Properties): muxgate.v1.PresenceQuery;
             * }}
             */
            PresenceQuery.create = function(properties) {
                return new PresenceQuery(properties);
            };

            /**
             * Encodes the specified PresenceQuery message. Does not implicitly {@link muxgate.v1.PresenceQuery.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.PresenceQuery
             * @static
             * @param {muxgate.v1.PresenceQuery.$Properties} message PresenceQuery message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PresenceQuery.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PresenceQuery message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.PresenceQuery
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceQuery & muxgate.v1.PresenceQuery.$Shape} PresenceQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PresenceQuery.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.PresenceQuery();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return PresenceQuery;
        })();

        v1.ConnectRequest = (function() {

            /**
             * Properties of a ConnectRequest.
             * @typedef {Object} muxgate.v1.ConnectRequest.$Properties
             * @property {string|null} [address] ConnectRequest address
             * @property {muxgate.v1.Scope.$Properties|null} [scope] ConnectRequest scope
             * @property {number|Long|null} [deadlineMs] ConnectRequest deadlineMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ConnectRequest.
             * @memberof muxgate.v1
             * @interface IConnectRequest
             * @augments muxgate.v1.ConnectRequest.$Properties
             * @deprecated Use muxgate.v1.ConnectRequest.$Properties instead.
             */

            /**
             * Shape of a ConnectRequest.
             * @typedef {muxgate.v1.ConnectRequest.$Properties} muxgate.v1.ConnectRequest.$Shape
             */

            /**
             * Constructs a new ConnectRequest.
             * @memberof muxgate.v1
             * @classdesc Represents a ConnectRequest.
             * @constructor
             * @param {muxgate.v1.ConnectRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ConnectRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ConnectRequest address.
             * @member {string} address
             * @memberof muxgate.v1.ConnectRequest
             * @instance
             */
            ConnectRequest.prototype.address = "";

            /**
             * ConnectRequest scope.
             * @member {muxgate.v1.Scope.$Properties|null|undefined} scope
             * @memberof muxgate.v1.ConnectRequest
             * @instance
             */
            ConnectRequest.prototype.scope = null;

            /**
             * ConnectRequest deadlineMs.
             * @member {number|Long} deadlineMs
             * @memberof muxgate.v1.ConnectRequest
             * @instance
             */
            ConnectRequest.prototype.deadlineMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ConnectRequest instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.ConnectRequest
             * @static
             * @param {muxgate.v1.ConnectRequest.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.ConnectRequest} ConnectRequest instance
             * @type {{
             *   (properties: muxgate.v1.ConnectRequest.$Shape): muxgate.v1.ConnectRequest & muxgate.v1.ConnectRequest.$Shape;
             *   (properties?: muxgate.v1.ConnectRequest.$Properties): muxgate.v1.ConnectRequest;
             * }}
             */
            ConnectRequest.create = function(properties) {
                return new ConnectRequest(properties);
            };

            /**
             * Encodes the specified ConnectRequest message. Does not implicitly {@link muxgate.v1.ConnectRequest.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.ConnectRequest
             * @static
             * @param {muxgate.v1.ConnectRequest.$Properties} message ConnectRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConnectRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.address != null && $Object.hasOwnProperty.call(message, "address") && message.address !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.address);
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    $root.muxgate.v1.Scope.encode(message.scope, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.deadlineMs != null && $Object.hasOwnProperty.call(message, "deadlineMs") && (typeof message.deadlineMs === "object" ? message.deadlineMs.low || message.deadlineMs.high : message.deadlineMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.deadlineMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ConnectRequest message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.ConnectRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.ConnectRequest & muxgate.v1.ConnectRequest.$Shape} ConnectRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConnectRequest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.ConnectRequest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.address = value;
                            else
                                delete message.address;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.scope = $root.muxgate.v1.Scope.decode(reader, reader.size(), $undefined, _depth + 1, message.scope);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deadlineMs = value;
                            else
                                delete message.deadlineMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ConnectRequest;
        })();

        v1.ConnectStream = (function() {

            /**
             * Properties of a ConnectStream.
             * @typedef {Object} muxgate.v1.ConnectStream.$Properties
             * @property {string|null} [stream] ConnectStream stream
             * @property {Uint8Array|null} [payload] ConnectStream payload
             * @property {Array.<string>|null} [groups] ConnectStream groups
             * @property {Uint8Array|null} [state] ConnectStream state
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ConnectStream.
             * @memberof muxgate.v1
             * @interface IConnectStream
             * @augments muxgate.v1.ConnectStream.$Properties
             * @deprecated Use muxgate.v1.ConnectStream.$Properties instead.
             */

            /**
             * Shape of a ConnectStream.
             * @typedef {muxgate.v1.ConnectStream.$Properties} muxgate.v1.ConnectStream.$Shape
             */

            /**
             * Constructs a new ConnectStream.
             * @memberof muxgate.v1
             * @classdesc Represents a ConnectStream.
             * @constructor
             * @param {muxgate.v1.ConnectStream.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ConnectStream = function (properties) {
                this.groups = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ConnectStream stream.
             * @member {string} stream
             * @memberof muxgate.v1.ConnectStream
             * @instance
             */
            ConnectStream.prototype.stream = "";

            /**
             * ConnectStream payload.
             * @member {Uint8Array} payload
             * @memberof muxgate.v1.ConnectStream
             * @instance
             */
            ConnectStream.prototype.payload = $util.newBuffer([]);

            /**
             * ConnectStream groups.
             * @member {Array.<string>} groups
             * @memberof muxgate.v1.ConnectStream
             * @instance
             */
            ConnectStream.prototype.groups = $util.emptyArray;

            /**
             * ConnectStream state.
             * @member {Uint8Array} state
             * @memberof muxgate.v1.ConnectStream
             * @instance
             */
            ConnectStream.prototype.state = $util.newBuffer([]);

            /**
             * Creates a new ConnectStream instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.ConnectStream
             * @static
             * @param {muxgate.v1.ConnectStream.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.ConnectStream} ConnectStream instance
             * @type {{
             *   (properties: muxgate.v1.ConnectStream.$Shape): muxgate.v1.ConnectStream & muxgate.v1.ConnectStream.$Shape;
             *   (properties?: muxgate.v1.ConnectStream.$Properties): muxgate.v1.ConnectStream;
             * }}
             */
            ConnectStream.create = function(properties) {
                return new ConnectStream(properties);
            };

            /**
             * Encodes the specified ConnectStream message. Does not implicitly {@link muxgate.v1.ConnectStream.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.ConnectStream
             * @static
             * @param {muxgate.v1.ConnectStream.$Properties} message ConnectStream message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConnectStream.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream") && message.stream !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.stream);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload") && message.payload.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.payload);
                if (message.groups != null && message.groups.length)
                    for (let i = 0; i < message.groups.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.groups[i]);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state.length)
                    writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.state);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ConnectStream message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.ConnectStream
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.ConnectStream & muxgate.v1.ConnectStream.$Shape} ConnectStream
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConnectStream.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.ConnectStream();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.stream = value;
                            else
                                delete message.stream;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.payload = value;
                            else
                                delete message.payload;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.groups && message.groups.length))
                                message.groups = [];
                            message.groups.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ConnectStream;
        })();

        v1.ConnectReply = (function() {

            /**
             * Properties of a ConnectReply.
             * @typedef {Object} muxgate.v1.ConnectReply.$Properties
             * @property {Array.<muxgate.v1.ConnectStream.$Properties>|null} [streams] ConnectReply streams
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ConnectReply.
             * @memberof muxgate.v1
             * @interface IConnectReply
             * @augments muxgate.v1.ConnectReply.$Properties
             * @deprecated Use muxgate.v1.ConnectReply.$Properties instead.
             */

            /**
             * Shape of a ConnectReply.
             * @typedef {muxgate.v1.ConnectReply.$Properties} muxgate.v1.ConnectReply.$Shape
             */

            /**
             * Constructs a new ConnectReply.
             * @memberof muxgate.v1
             * @classdesc Represents a ConnectReply.
             * @constructor
             * @param {muxgate.v1.ConnectReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ConnectReply = function (properties) {
                this.streams = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ConnectReply streams.
             * @member {Array.<muxgate.v1.ConnectStream.$Properties>} streams
             * @memberof muxgate.v1.ConnectReply
             * @instance
             */
            ConnectReply.prototype.streams = $util.emptyArray;

            /**
             * Creates a new ConnectReply instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.ConnectReply
             * @static
             * @param {muxgate.v1.ConnectReply.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.ConnectReply} ConnectReply instance
             * @type {{
             *   (properties: muxgate.v1.ConnectReply.$Shape): muxgate.v1.ConnectReply & muxgate.v1.ConnectReply.$Shape;
             *   (properties?: muxgate.v1.ConnectReply.$Properties): muxgate.v1.ConnectReply;
             * }}
             */
            ConnectReply.create = function(properties) {
                return new ConnectReply(properties);
            };

            /**
             * Encodes the specified ConnectReply message. Does not implicitly {@link muxgate.v1.ConnectReply.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.ConnectReply
             * @static
             * @param {muxgate.v1.ConnectReply.$Properties} message ConnectReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConnectReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.streams != null && message.streams.length)
                    for (let i = 0; i < message.streams.length; ++i)
                        $root.muxgate.v1.ConnectStream.encode(message.streams[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ConnectReply message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.ConnectReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.ConnectReply & muxgate.v1.ConnectReply.$Shape} ConnectReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConnectReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.ConnectReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.streams && message.streams.length))
                                message.streams = [];
                            message.streams.push($root.muxgate.v1.ConnectStream.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ConnectReply;
        })();

        /**
         * HttpOp enum.
         * @name muxgate.v1.HttpOp
         * @enum {number}
         * @property {number} HTTP_OP_UNSPECIFIED=0 HTTP_OP_UNSPECIFIED value
         * @property {number} HTTP_OP_POLL=1 HTTP_OP_POLL value
         * @property {number} HTTP_OP_SEND=2 HTTP_OP_SEND value
         * @property {number} HTTP_OP_CLOSE=3 HTTP_OP_CLOSE value
         */
        v1.HttpOp = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "HTTP_OP_UNSPECIFIED"] = 0;
            values[valuesById[1] = "HTTP_OP_POLL"] = 1;
            values[valuesById[2] = "HTTP_OP_SEND"] = 2;
            values[valuesById[3] = "HTTP_OP_CLOSE"] = 3;
            return values;
        })();

        v1.HttpForward = (function() {

            /**
             * Properties of a HttpForward.
             * @typedef {Object} muxgate.v1.HttpForward.$Properties
             * @property {muxgate.v1.HttpOp|null} [op] HttpForward op
             * @property {string|null} [session] HttpForward session
             * @property {Uint8Array|null} [body] HttpForward body
             * @property {boolean|null} [hasAck] HttpForward hasAck
             * @property {number|Long|null} [ack] HttpForward ack
             * @property {boolean|null} [hasSeq] HttpForward hasSeq
             * @property {number|Long|null} [seq] HttpForward seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HttpForward.
             * @memberof muxgate.v1
             * @interface IHttpForward
             * @augments muxgate.v1.HttpForward.$Properties
             * @deprecated Use muxgate.v1.HttpForward.$Properties instead.
             */

            /**
             * Shape of a HttpForward.
             * @typedef {muxgate.v1.HttpForward.$Properties} muxgate.v1.HttpForward.$Shape
             */

            /**
             * Constructs a new HttpForward.
             * @memberof muxgate.v1
             * @classdesc Represents a HttpForward.
             * @constructor
             * @param {muxgate.v1.HttpForward.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HttpForward = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * HttpForward op.
             * @member {muxgate.v1.HttpOp} op
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.op = 0;

            /**
             * HttpForward session.
             * @member {string} session
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.session = "";

            /**
             * HttpForward body.
             * @member {Uint8Array} body
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.body = $util.newBuffer([]);

            /**
             * HttpForward hasAck.
             * @member {boolean} hasAck
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.hasAck = false;

            /**
             * HttpForward ack.
             * @member {number|Long} ack
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.ack = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * HttpForward hasSeq.
             * @member {boolean} hasSeq
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.hasSeq = false;

            /**
             * HttpForward seq.
             * @member {number|Long} seq
             * @memberof muxgate.v1.HttpForward
             * @instance
             */
            HttpForward.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new HttpForward instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.HttpForward
             * @static
             * @param {muxgate.v1.HttpForward.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.HttpForward} HttpForward instance
             * @type {{
             *   (properties: muxgate.v1.HttpForward.$Shape): muxgate.v1.HttpForward & muxgate.v1.HttpForward.$Shape;
             *   (properties?: muxgate.v1.HttpForward.$Properties): muxgate.v1.HttpForward;
             * }}
             */
            HttpForward.create = function(properties) {
                return new HttpForward(properties);
            };

            /**
             * Encodes the specified HttpForward message. Does not implicitly {@link muxgate.v1.HttpForward.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.HttpForward
             * @static
             * @param {muxgate.v1.HttpForward.$Properties} message HttpForward message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HttpForward.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.op != null && $Object.hasOwnProperty.call(message, "op") && message.op !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.op);
                if (message.session != null && $Object.hasOwnProperty.call(message, "session") && message.session !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.session);
                if (message.body != null && $Object.hasOwnProperty.call(message, "body") && message.body.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.body);
                if (message.hasAck != null && $Object.hasOwnProperty.call(message, "hasAck") && message.hasAck !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.hasAck);
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack") && (typeof message.ack === "object" ? message.ack.low || message.ack.high : message.ack !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.ack);
                if (message.hasSeq != null && $Object.hasOwnProperty.call(message, "hasSeq") && message.hasSeq !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.hasSeq);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.seq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a HttpForward message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.HttpForward
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.HttpForward & muxgate.v1.HttpForward.$Shape} HttpForward
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HttpForward.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.HttpForward();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.op = value;
                            else
                                delete message.op;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.session = value;
                            else
                                delete message.session;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.body = value;
                            else
                                delete message.body;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.hasAck = value;
                            else
                                delete message.hasAck;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.ack = value;
                            else
                                delete message.ack;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.hasSeq = value;
                            else
                                delete message.hasSeq;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return HttpForward;
        })();

        v1.HttpForwardReply = (function() {

            /**
             * Properties of a HttpForwardReply.
             * @typedef {Object} muxgate.v1.HttpForwardReply.$Properties
             * @property {number|null} [status] HttpForwardReply status
             * @property {Uint8Array|null} [body] HttpForwardReply body
             * @property {boolean|null} [hasSeq] HttpForwardReply hasSeq
             * @property {number|Long|null} [seq] HttpForwardReply seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HttpForwardReply.
             * @memberof muxgate.v1
             * @interface IHttpForwardReply
             * @augments muxgate.v1.HttpForwardReply.$Properties
             * @deprecated Use muxgate.v1.HttpForwardReply.$Properties instead.
             */

            /**
             * Shape of a HttpForwardReply.
             * @typedef {muxgate.v1.HttpForwardReply.$Properties} muxgate.v1.HttpForwardReply.$Shape
             */

            /**
             * Constructs a new HttpForwardReply.
             * @memberof muxgate.v1
             * @classdesc Represents a HttpForwardReply.
             * @constructor
             * @param {muxgate.v1.HttpForwardReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HttpForwardReply = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * HttpForwardReply status.
             * @member {number} status
             * @memberof muxgate.v1.HttpForwardReply
             * @instance
             */
            HttpForwardReply.prototype.status = 0;

            /**
             * HttpForwardReply body.
             * @member {Uint8Array} body
             * @memberof muxgate.v1.HttpForwardReply
             * @instance
             */
            HttpForwardReply.prototype.body = $util.newBuffer([]);

            /**
             * HttpForwardReply hasSeq.
             * @member {boolean} hasSeq
             * @memberof muxgate.v1.HttpForwardReply
             * @instance
             */
            HttpForwardReply.prototype.hasSeq = false;

            /**
             * HttpForwardReply seq.
             * @member {number|Long} seq
             * @memberof muxgate.v1.HttpForwardReply
             * @instance
             */
            HttpForwardReply.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new HttpForwardReply instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.HttpForwardReply
             * @static
             * @param {muxgate.v1.HttpForwardReply.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.HttpForwardReply} HttpForwardReply instance
             * @type {{
             *   (properties: muxgate.v1.HttpForwardReply.$Shape): muxgate.v1.HttpForwardReply & muxgate.v1.HttpForwardReply.$Shape;
             *   (properties?: muxgate.v1.HttpForwardReply.$Properties): muxgate.v1.HttpForwardReply;
             * }}
             */
            HttpForwardReply.create = function(properties) {
                return new HttpForwardReply(properties);
            };

            /**
             * Encodes the specified HttpForwardReply message. Does not implicitly {@link muxgate.v1.HttpForwardReply.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.HttpForwardReply
             * @static
             * @param {muxgate.v1.HttpForwardReply.$Properties} message HttpForwardReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HttpForwardReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.status);
                if (message.body != null && $Object.hasOwnProperty.call(message, "body") && message.body.length)
                    writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.body);
                if (message.hasSeq != null && $Object.hasOwnProperty.call(message, "hasSeq") && message.hasSeq !== false)
                    writer.uint32(/* id 3, wireType 0 =*/24).bool(message.hasSeq);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a HttpForwardReply message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.HttpForwardReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.HttpForwardReply & muxgate.v1.HttpForwardReply.$Shape} HttpForwardReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HttpForwardReply.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.HttpForwardReply();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.body = value;
                            else
                                delete message.body;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.hasSeq = value;
                            else
                                delete message.hasSeq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return HttpForwardReply;
        })();

        v1.ClientFrame = (function() {

            /**
             * Properties of a ClientFrame.
             * @typedef {Object} muxgate.v1.ClientFrame.$Properties
             * @property {string|null} [type] ClientFrame type
             * @property {string|null} [stream] ClientFrame stream
             * @property {string|null} [refText] ClientFrame refText
             * @property {number|Long|null} [refInt] ClientFrame refInt
             * @property {Uint8Array|null} [payload] ClientFrame payload
             * @property {string|null} [since] ClientFrame since
             * @property {string|null} [id] ClientFrame id
             * @property {string|null} [traceparent] ClientFrame traceparent
             * @property {string|null} [token] ClientFrame token
             * @property {Uint8Array|null} [extra] ClientFrame extra
             * @property {string|null} [protocol] ClientFrame protocol
             * @property {"refText"|"refInt"} [ref] ClientFrame ref
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientFrame.
             * @memberof muxgate.v1
             * @interface IClientFrame
             * @augments muxgate.v1.ClientFrame.$Properties
             * @deprecated Use muxgate.v1.ClientFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientFrame.
             * @typedef {{
             *   type?: string|null;
             *   stream?: string|null;
             *   refText?: string|null;
             *   refInt?: number|Long|null;
             *   payload?: Uint8Array|null;
             *   since?: string|null;
             *   id?: string|null;
             *   traceparent?: string|null;
             *   token?: string|null;
             *   extra?: Uint8Array|null;
             *   protocol?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ ref?: undefined; refText?: null; refInt?: null }|{ ref?: "refText"; refText: string; refInt?: null }|{ ref?: "refInt"; refText?: null; refInt: number|Long })
             * )} muxgate.v1.ClientFrame.$Shape
             */

            /**
             * Constructs a new ClientFrame.
             * @memberof muxgate.v1
             * @classdesc Represents a ClientFrame.
             * @constructor
             * @param {muxgate.v1.ClientFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientFrame type.
             * @member {string} type
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.type = "";

            /**
             * ClientFrame stream.
             * @member {string|null|undefined} stream
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.stream = null;

            /**
             * ClientFrame refText.
             * @member {string|null|undefined} refText
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.refText = null;

            /**
             * ClientFrame refInt.
             * @member {number|Long|null|undefined} refInt
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.refInt = null;

            /**
             * ClientFrame payload.
             * @member {Uint8Array|null|undefined} payload
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.payload = null;

            /**
             * ClientFrame since.
             * @member {string|null|undefined} since
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.since = null;

            /**
             * ClientFrame id.
             * @member {string|null|undefined} id
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.id = null;

            /**
             * ClientFrame traceparent.
             * @member {string|null|undefined} traceparent
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.traceparent = null;

            /**
             * ClientFrame token.
             * @member {string|null|undefined} token
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.token = null;

            /**
             * ClientFrame extra.
             * @member {Uint8Array|null|undefined} extra
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.extra = null;

            /**
             * ClientFrame protocol.
             * @member {string|null|undefined} protocol
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.protocol = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_stream", {
                get: $util.oneOfGetter($oneOfFields = ["stream"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * ClientFrame ref.
             * @member {"refText"|"refInt"|undefined} ref
             * @memberof muxgate.v1.ClientFrame
             * @instance
             */
            $Object.defineProperty(ClientFrame.prototype, "ref", {
                get: $util.oneOfGetter($oneOfFields = ["refText", "refInt"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_payload", {
                get: $util.oneOfGetter($oneOfFields = ["payload"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_since", {
                get: $util.oneOfGetter($oneOfFields = ["since"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_id", {
                get: $util.oneOfGetter($oneOfFields = ["id"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_traceparent", {
                get: $util.oneOfGetter($oneOfFields = ["traceparent"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_token", {
                get: $util.oneOfGetter($oneOfFields = ["token"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_extra", {
                get: $util.oneOfGetter($oneOfFields = ["extra"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ClientFrame.prototype, "_protocol", {
                get: $util.oneOfGetter($oneOfFields = ["protocol"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.ClientFrame
             * @static
             * @param {muxgate.v1.ClientFrame.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.ClientFrame} ClientFrame instance
             * @type {{
             *   (properties: muxgate.v1.ClientFrame.$Shape): muxgate.v1.ClientFrame & muxgate.v1.ClientFrame.$Shape;
             *   (properties?: muxgate.v1.ClientFrame.$Properties): muxgate.v1.ClientFrame;
             * }}
             */
            ClientFrame.create = function(properties) {
                return new ClientFrame(properties);
            };

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link muxgate.v1.ClientFrame.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.ClientFrame
             * @static
             * @param {muxgate.v1.ClientFrame.$Properties} message ClientFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.stream);
                if (message.refText != null && $Object.hasOwnProperty.call(message, "refText"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.refText);
                if (message.refInt != null && $Object.hasOwnProperty.call(message, "refInt"))
                    writer.uint32(/* id 4, wireType 0 =*/32).sint64(message.refInt);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.payload);
                if (message.since != null && $Object.hasOwnProperty.call(message, "since"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.since);
                if (message.id != null && $Object.hasOwnProperty.call(message, "id"))
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.id);
                if (message.traceparent != null && $Object.hasOwnProperty.call(message, "traceparent"))
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.traceparent);
                if (message.token != null && $Object.hasOwnProperty.call(message, "token"))
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.token);
                if (message.extra != null && $Object.hasOwnProperty.call(message, "extra"))
                    writer.uint32(/* id 16, wireType 2 =*/130).bytes(message.extra);
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol"))
                    writer.uint32(/* id 17, wireType 2 =*/138).string(message.protocol);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.ClientFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.ClientFrame & muxgate.v1.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.ClientFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.stream = reader.stringVerify();
                            message._stream = "stream";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.refText = reader.stringVerify();
                            message.ref = "refText";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.refInt = reader.sint64();
                            message.ref = "refInt";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.payload = reader.bytes();
                            message._payload = "payload";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.since = reader.stringVerify();
                            message._since = "since";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.id = reader.stringVerify();
                            message._id = "id";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.traceparent = reader.stringVerify();
                            message._traceparent = "traceparent";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.token = reader.stringVerify();
                            message._token = "token";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.extra = reader.bytes();
                            message._extra = "extra";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.protocol = reader.stringVerify();
                            message._protocol = "protocol";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientFrame;
        })();

        v1.Limits = (function() {

            /**
             * Properties of a Limits.
             * @typedef {Object} muxgate.v1.Limits.$Properties
             * @property {number|Long|null} [maxFrameBytes] Limits maxFrameBytes
             * @property {number|Long|null} [maxStreams] Limits maxStreams
             * @property {number|Long|null} [ratePerSecond] Limits ratePerSecond
             * @property {number|Long|null} [rateBurst] Limits rateBurst
             * @property {number|Long|null} [msgTimeoutMs] Limits msgTimeoutMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Limits.
             * @memberof muxgate.v1
             * @interface ILimits
             * @augments muxgate.v1.Limits.$Properties
             * @deprecated Use muxgate.v1.Limits.$Properties instead.
             */

            /**
             * Shape of a Limits.
             * @typedef {muxgate.v1.Limits.$Properties} muxgate.v1.Limits.$Shape
             */

            /**
             * Constructs a new Limits.
             * @memberof muxgate.v1
             * @classdesc Represents a Limits.
             * @constructor
             * @param {muxgate.v1.Limits.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Limits = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Limits maxFrameBytes.
             * @member {number|Long|null|undefined} maxFrameBytes
             * @memberof muxgate.v1.Limits
             * @instance
             */
            Limits.prototype.maxFrameBytes = null;

            /**
             * Limits maxStreams.
             * @member {number|Long|null|undefined} maxStreams
             * @memberof muxgate.v1.Limits
             * @instance
             */
            Limits.prototype.maxStreams = null;

            /**
             * Limits ratePerSecond.
             * @member {number|Long|null|undefined} ratePerSecond
             * @memberof muxgate.v1.Limits
             * @instance
             */
            Limits.prototype.ratePerSecond = null;

            /**
             * Limits rateBurst.
             * @member {number|Long|null|undefined} rateBurst
             * @memberof muxgate.v1.Limits
             * @instance
             */
            Limits.prototype.rateBurst = null;

            /**
             * Limits msgTimeoutMs.
             * @member {number|Long|null|undefined} msgTimeoutMs
             * @memberof muxgate.v1.Limits
             * @instance
             */
            Limits.prototype.msgTimeoutMs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Limits.prototype, "_maxFrameBytes", {
                get: $util.oneOfGetter($oneOfFields = ["maxFrameBytes"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Limits.prototype, "_maxStreams", {
                get: $util.oneOfGetter($oneOfFields = ["maxStreams"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Limits.prototype, "_ratePerSecond", {
                get: $util.oneOfGetter($oneOfFields = ["ratePerSecond"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Limits.prototype, "_rateBurst", {
                get: $util.oneOfGetter($oneOfFields = ["rateBurst"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Limits.prototype, "_msgTimeoutMs", {
                get: $util.oneOfGetter($oneOfFields = ["msgTimeoutMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Limits instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.Limits
             * @static
             * @param {muxgate.v1.Limits.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.Limits} Limits instance
             * @type {{
             *   (properties: muxgate.v1.Limits.$Shape): muxgate.v1.Limits & muxgate.v1.Limits.$Shape;
             *   (properties?: muxgate.v1.Limits.$Properties): muxgate.v1.Limits;
             * }}
             */
            Limits.create = function(properties) {
                return new Limits(properties);
            };

            /**
             * Encodes the specified Limits message. Does not implicitly {@link muxgate.v1.Limits.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.Limits
             * @static
             * @param {muxgate.v1.Limits.$Properties} message Limits message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Limits.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes"))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.maxFrameBytes);
                if (message.maxStreams != null && $Object.hasOwnProperty.call(message, "maxStreams"))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.maxStreams);
                if (message.ratePerSecond != null && $Object.hasOwnProperty.call(message, "ratePerSecond"))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.ratePerSecond);
                if (message.rateBurst != null && $Object.hasOwnProperty.call(message, "rateBurst"))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.rateBurst);
                if (message.msgTimeoutMs != null && $Object.hasOwnProperty.call(message, "msgTimeoutMs"))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.msgTimeoutMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Limits message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.Limits
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.Limits & muxgate.v1.Limits.$Shape} Limits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Limits.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.Limits();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            message.maxFrameBytes = reader.uint64();
                            message._maxFrameBytes = "maxFrameBytes";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            message.maxStreams = reader.uint64();
                            message._maxStreams = "maxStreams";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            message.ratePerSecond = reader.uint64();
                            message._ratePerSecond = "ratePerSecond";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.rateBurst = reader.uint64();
                            message._rateBurst = "rateBurst";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            message.msgTimeoutMs = reader.uint64();
                            message._msgTimeoutMs = "msgTimeoutMs";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Limits;
        })();

        v1.ServerFrame = (function() {

            /**
             * Properties of a ServerFrame.
             * @typedef {Object} muxgate.v1.ServerFrame.$Properties
             * @property {string|null} [type] ServerFrame type
             * @property {string|null} [stream] ServerFrame stream
             * @property {string|null} [refText] ServerFrame refText
             * @property {number|Long|null} [refInt] ServerFrame refInt
             * @property {Uint8Array|null} [payload] ServerFrame payload
             * @property {string|null} [conn] ServerFrame conn
             * @property {number|Long|null} [heartbeatMs] ServerFrame heartbeatMs
             * @property {muxgate.v1.Limits.$Properties|null} [limits] ServerFrame limits
             * @property {number|Long|null} [exp] ServerFrame exp
             * @property {string|null} [pos] ServerFrame pos
             * @property {boolean|null} [recovered] ServerFrame recovered
             * @property {string|null} [via] ServerFrame via
             * @property {string|null} [code] ServerFrame code
             * @property {string|null} [message] ServerFrame message
             * @property {string|null} [reason] ServerFrame reason
             * @property {Uint8Array|null} [extra] ServerFrame extra
             * @property {string|null} [protocol] ServerFrame protocol
             * @property {"refText"|"refInt"} [ref] ServerFrame ref
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServerFrame.
             * @memberof muxgate.v1
             * @interface IServerFrame
             * @augments muxgate.v1.ServerFrame.$Properties
             * @deprecated Use muxgate.v1.ServerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ServerFrame.
             * @typedef {{
             *   type?: string|null;
             *   stream?: string|null;
             *   refText?: string|null;
             *   refInt?: number|Long|null;
             *   payload?: Uint8Array|null;
             *   conn?: string|null;
             *   heartbeatMs?: number|Long|null;
             *   limits?: muxgate.v1.Limits.$Shape|null;
             *   exp?: number|Long|null;
             *   pos?: string|null;
             *   recovered?: boolean|null;
             *   via?: string|null;
             *   code?: string|null;
             *   message?: string|null;
             *   reason?: string|null;
             *   extra?: Uint8Array|null;
             *   protocol?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ ref?: undefined; refText?: null; refInt?: null }|{ ref?: "refText"; refText: string; refInt?: null }|{ ref?: "refInt"; refText?: null; refInt: number|Long })
             * )} muxgate.v1.ServerFrame.$Shape
             */

            /**
             * Constructs a new ServerFrame.
             * @memberof muxgate.v1
             * @classdesc Represents a ServerFrame.
             * @constructor
             * @param {muxgate.v1.ServerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServerFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ServerFrame type.
             * @member {string} type
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.type = "";

            /**
             * ServerFrame stream.
             * @member {string|null|undefined} stream
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.stream = null;

            /**
             * ServerFrame refText.
             * @member {string|null|undefined} refText
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.refText = null;

            /**
             * ServerFrame refInt.
             * @member {number|Long|null|undefined} refInt
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.refInt = null;

            /**
             * ServerFrame payload.
             * @member {Uint8Array|null|undefined} payload
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.payload = null;

            /**
             * ServerFrame conn.
             * @member {string|null|undefined} conn
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.conn = null;

            /**
             * ServerFrame heartbeatMs.
             * @member {number|Long|null|undefined} heartbeatMs
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.heartbeatMs = null;

            /**
             * ServerFrame limits.
             * @member {muxgate.v1.Limits.$Properties|null|undefined} limits
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.limits = null;

            /**
             * ServerFrame exp.
             * @member {number|Long|null|undefined} exp
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.exp = null;

            /**
             * ServerFrame pos.
             * @member {string|null|undefined} pos
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.pos = null;

            /**
             * ServerFrame recovered.
             * @member {boolean|null|undefined} recovered
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.recovered = null;

            /**
             * ServerFrame via.
             * @member {string|null|undefined} via
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.via = null;

            /**
             * ServerFrame code.
             * @member {string|null|undefined} code
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.code = null;

            /**
             * ServerFrame message.
             * @member {string|null|undefined} message
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.message = null;

            /**
             * ServerFrame reason.
             * @member {string|null|undefined} reason
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.reason = null;

            /**
             * ServerFrame extra.
             * @member {Uint8Array|null|undefined} extra
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.extra = null;

            /**
             * ServerFrame protocol.
             * @member {string|null|undefined} protocol
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.protocol = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_stream", {
                get: $util.oneOfGetter($oneOfFields = ["stream"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * ServerFrame ref.
             * @member {"refText"|"refInt"|undefined} ref
             * @memberof muxgate.v1.ServerFrame
             * @instance
             */
            $Object.defineProperty(ServerFrame.prototype, "ref", {
                get: $util.oneOfGetter($oneOfFields = ["refText", "refInt"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_payload", {
                get: $util.oneOfGetter($oneOfFields = ["payload"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_conn", {
                get: $util.oneOfGetter($oneOfFields = ["conn"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_heartbeatMs", {
                get: $util.oneOfGetter($oneOfFields = ["heartbeatMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_exp", {
                get: $util.oneOfGetter($oneOfFields = ["exp"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_pos", {
                get: $util.oneOfGetter($oneOfFields = ["pos"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_recovered", {
                get: $util.oneOfGetter($oneOfFields = ["recovered"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_via", {
                get: $util.oneOfGetter($oneOfFields = ["via"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_code", {
                get: $util.oneOfGetter($oneOfFields = ["code"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_message", {
                get: $util.oneOfGetter($oneOfFields = ["message"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_extra", {
                get: $util.oneOfGetter($oneOfFields = ["extra"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ServerFrame.prototype, "_protocol", {
                get: $util.oneOfGetter($oneOfFields = ["protocol"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ServerFrame instance using the specified properties.
             * @function create
             * @memberof muxgate.v1.ServerFrame
             * @static
             * @param {muxgate.v1.ServerFrame.$Properties=} [properties] Properties to set
             * @returns {muxgate.v1.ServerFrame} ServerFrame instance
             * @type {{
             *   (properties: muxgate.v1.ServerFrame.$Shape): muxgate.v1.ServerFrame & muxgate.v1.ServerFrame.$Shape;
             *   (properties?: muxgate.v1.ServerFrame.$Properties): muxgate.v1.ServerFrame;
             * }}
             */
            ServerFrame.create = function(properties) {
                return new ServerFrame(properties);
            };

            /**
             * Encodes the specified ServerFrame message. Does not implicitly {@link muxgate.v1.ServerFrame.verify|verify} messages.
             * @function encode
             * @memberof muxgate.v1.ServerFrame
             * @static
             * @param {muxgate.v1.ServerFrame.$Properties} message ServerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                if (message.stream != null && $Object.hasOwnProperty.call(message, "stream"))
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.stream);
                if (message.refText != null && $Object.hasOwnProperty.call(message, "refText"))
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.refText);
                if (message.refInt != null && $Object.hasOwnProperty.call(message, "refInt"))
                    writer.uint32(/* id 4, wireType 0 =*/32).sint64(message.refInt);
                if (message.payload != null && $Object.hasOwnProperty.call(message, "payload"))
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.payload);
                if (message.conn != null && $Object.hasOwnProperty.call(message, "conn"))
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.conn);
                if (message.heartbeatMs != null && $Object.hasOwnProperty.call(message, "heartbeatMs"))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.heartbeatMs);
                if (message.limits != null && $Object.hasOwnProperty.call(message, "limits"))
                    $root.muxgate.v1.Limits.encode(message.limits, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.exp != null && $Object.hasOwnProperty.call(message, "exp"))
                    writer.uint32(/* id 9, wireType 0 =*/72).int64(message.exp);
                if (message.pos != null && $Object.hasOwnProperty.call(message, "pos"))
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.pos);
                if (message.recovered != null && $Object.hasOwnProperty.call(message, "recovered"))
                    writer.uint32(/* id 11, wireType 0 =*/88).bool(message.recovered);
                if (message.via != null && $Object.hasOwnProperty.call(message, "via"))
                    writer.uint32(/* id 12, wireType 2 =*/98).string(message.via);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                    writer.uint32(/* id 13, wireType 2 =*/106).string(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    writer.uint32(/* id 14, wireType 2 =*/114).string(message.message);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    writer.uint32(/* id 15, wireType 2 =*/122).string(message.reason);
                if (message.extra != null && $Object.hasOwnProperty.call(message, "extra"))
                    writer.uint32(/* id 16, wireType 2 =*/130).bytes(message.extra);
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol"))
                    writer.uint32(/* id 17, wireType 2 =*/138).string(message.protocol);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ServerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof muxgate.v1.ServerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {muxgate.v1.ServerFrame & muxgate.v1.ServerFrame.$Shape} ServerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.muxgate.v1.ServerFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.stream = reader.stringVerify();
                            message._stream = "stream";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.refText = reader.stringVerify();
                            message.ref = "refText";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            message.refInt = reader.sint64();
                            message.ref = "refInt";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.payload = reader.bytes();
                            message._payload = "payload";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.conn = reader.stringVerify();
                            message._conn = "conn";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            message.heartbeatMs = reader.uint64();
                            message._heartbeatMs = "heartbeatMs";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.limits = $root.muxgate.v1.Limits.decode(reader, reader.size(), $undefined, _depth + 1, message.limits);
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            message.exp = reader.int64();
                            message._exp = "exp";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.pos = reader.stringVerify();
                            message._pos = "pos";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            message.recovered = reader.bool();
                            message._recovered = "recovered";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.via = reader.stringVerify();
                            message._via = "via";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.code = reader.stringVerify();
                            message._code = "code";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.message = reader.stringVerify();
                            message._message = "message";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.reason = reader.stringVerify();
                            message._reason = "reason";
                            continue;
                        }
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.extra = reader.bytes();
                            message._extra = "extra";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.protocol = reader.stringVerify();
                            message._protocol = "protocol";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ServerFrame;
        })();

        return v1;
    })();

    return muxgate;
})();

export {
  $root as default
};
