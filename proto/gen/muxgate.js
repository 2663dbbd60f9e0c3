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

        return v1;
    })();

    return muxgate;
})();

export {
  $root as default
};
