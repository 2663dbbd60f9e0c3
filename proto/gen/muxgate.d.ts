import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace muxgate. */
export namespace muxgate {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a Scope.
         * @deprecated Use muxgate.v1.Scope.$Properties instead.
         */
        interface IScope extends muxgate.v1.Scope.$Properties {
        }

        /** Represents a Scope. */
        class Scope {

            /**
             * Constructs a new Scope.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.Scope.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Scope user. */
            user: string;

            /** Scope claims. */
            claims: string;

            /** Scope remoteAddr. */
            remoteAddr: string;

            /** Scope origin. */
            origin: string;

            /** Scope userAgent. */
            userAgent: string;

            /** Scope gateway. */
            gateway: string;

            /**
             * Creates a new Scope instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Scope instance
             */
            static create(properties: muxgate.v1.Scope.$Shape): muxgate.v1.Scope & muxgate.v1.Scope.$Shape;
            static create(properties?: muxgate.v1.Scope.$Properties): muxgate.v1.Scope;

            /**
             * Encodes the specified Scope message. Does not implicitly {@link muxgate.v1.Scope.verify|verify} messages.
             * @param message Scope message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.Scope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Scope message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.Scope & muxgate.v1.Scope.$Shape} Scope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.Scope & muxgate.v1.Scope.$Shape;
        }

        namespace Scope {

            /** Properties of a Scope. */
            interface $Properties {

                /** Scope user */
                user?: (string|null);

                /** Scope claims */
                claims?: (string|null);

                /** Scope remoteAddr */
                remoteAddr?: (string|null);

                /** Scope origin */
                origin?: (string|null);

                /** Scope userAgent */
                userAgent?: (string|null);

                /** Scope gateway */
                gateway?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Scope. */
            type $Shape = muxgate.v1.Scope.$Properties;
        }

        /**
         * Properties of a JoinRequest.
         * @deprecated Use muxgate.v1.JoinRequest.$Properties instead.
         */
        interface IJoinRequest extends muxgate.v1.JoinRequest.$Properties {
        }

        /** Represents a JoinRequest. */
        class JoinRequest {

            /**
             * Constructs a new JoinRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.JoinRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinRequest address. */
            address: string;

            /** JoinRequest stream. */
            stream: string;

            /** JoinRequest topic. */
            topic: string;

            /** JoinRequest payload. */
            payload: Uint8Array;

            /** JoinRequest scope. */
            scope?: (muxgate.v1.Scope.$Properties|null);

            /** JoinRequest since. */
            since: string;

            /** JoinRequest deadlineMs. */
            deadlineMs: (number|Long);

            /**
             * Creates a new JoinRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinRequest instance
             */
            static create(properties: muxgate.v1.JoinRequest.$Shape): muxgate.v1.JoinRequest & muxgate.v1.JoinRequest.$Shape;
            static create(properties?: muxgate.v1.JoinRequest.$Properties): muxgate.v1.JoinRequest;

            /**
             * Encodes the specified JoinRequest message. Does not implicitly {@link muxgate.v1.JoinRequest.verify|verify} messages.
             * @param message JoinRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.JoinRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinRequest & muxgate.v1.JoinRequest.$Shape} JoinRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.JoinRequest & muxgate.v1.JoinRequest.$Shape;
        }

        namespace JoinRequest {

            /** Properties of a JoinRequest. */
            interface $Properties {

                /** JoinRequest address */
                address?: (string|null);

                /** JoinRequest stream */
                stream?: (string|null);

                /** JoinRequest topic */
                topic?: (string|null);

                /** JoinRequest payload */
                payload?: (Uint8Array|null);

                /** JoinRequest scope */
                scope?: (muxgate.v1.Scope.$Properties|null);

                /** JoinRequest since */
                since?: (string|null);

                /** JoinRequest deadlineMs */
                deadlineMs?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinRequest. */
            type $Shape = muxgate.v1.JoinRequest.$Properties;
        }

        /**
         * Properties of a JoinAccept.
         * @deprecated Use muxgate.v1.JoinAccept.$Properties instead.
         */
        interface IJoinAccept extends muxgate.v1.JoinAccept.$Properties {
        }

        /** Represents a JoinAccept. */
        class JoinAccept {

            /**
             * Constructs a new JoinAccept.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.JoinAccept.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinAccept payload. */
            payload: Uint8Array;

            /** JoinAccept groups. */
            groups: string[];

            /** JoinAccept state. */
            state: Uint8Array;

            /** JoinAccept durableGroup. */
            durableGroup: string;

            /** JoinAccept snapshotPos. */
            snapshotPos: string;

            /** JoinAccept confirm. */
            confirm: boolean;

            /** JoinAccept presenceGroup. */
            presenceGroup: string;

            /** JoinAccept presenceInfo. */
            presenceInfo: Uint8Array;

            /**
             * Creates a new JoinAccept instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinAccept instance
             */
            static create(properties: muxgate.v1.JoinAccept.$Shape): muxgate.v1.JoinAccept & muxgate.v1.JoinAccept.$Shape;
            static create(properties?: muxgate.v1.JoinAccept.$Properties): muxgate.v1.JoinAccept;

            /**
             * Encodes the specified JoinAccept message. Does not implicitly {@link muxgate.v1.JoinAccept.verify|verify} messages.
             * @param message JoinAccept message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.JoinAccept.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinAccept message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinAccept & muxgate.v1.JoinAccept.$Shape} JoinAccept
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.JoinAccept & muxgate.v1.JoinAccept.$Shape;
        }

        namespace JoinAccept {

            /** Properties of a JoinAccept. */
            interface $Properties {

                /** JoinAccept payload */
                payload?: (Uint8Array|null);

                /** JoinAccept groups */
                groups?: (string[]|null);

                /** JoinAccept state */
                state?: (Uint8Array|null);

                /** JoinAccept durableGroup */
                durableGroup?: (string|null);

                /** JoinAccept snapshotPos */
                snapshotPos?: (string|null);

                /** JoinAccept confirm */
                confirm?: (boolean|null);

                /** JoinAccept presenceGroup */
                presenceGroup?: (string|null);

                /** JoinAccept presenceInfo */
                presenceInfo?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinAccept. */
            type $Shape = muxgate.v1.JoinAccept.$Properties;
        }

        /**
         * Properties of a JoinConfirm.
         * @deprecated Use muxgate.v1.JoinConfirm.$Properties instead.
         */
        interface IJoinConfirm extends muxgate.v1.JoinConfirm.$Properties {
        }

        /** Represents a JoinConfirm. */
        class JoinConfirm {

            /**
             * Constructs a new JoinConfirm.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.JoinConfirm.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinConfirm address. */
            address: string;

            /** JoinConfirm stream. */
            stream: string;

            /** JoinConfirm topic. */
            topic: string;

            /** JoinConfirm payload. */
            payload: Uint8Array;

            /** JoinConfirm scope. */
            scope?: (muxgate.v1.Scope.$Properties|null);

            /** JoinConfirm state. */
            state: Uint8Array;

            /** JoinConfirm deadlineMs. */
            deadlineMs: (number|Long);

            /**
             * Creates a new JoinConfirm instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinConfirm instance
             */
            static create(properties: muxgate.v1.JoinConfirm.$Shape): muxgate.v1.JoinConfirm & muxgate.v1.JoinConfirm.$Shape;
            static create(properties?: muxgate.v1.JoinConfirm.$Properties): muxgate.v1.JoinConfirm;

            /**
             * Encodes the specified JoinConfirm message. Does not implicitly {@link muxgate.v1.JoinConfirm.verify|verify} messages.
             * @param message JoinConfirm message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.JoinConfirm.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinConfirm message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinConfirm & muxgate.v1.JoinConfirm.$Shape} JoinConfirm
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.JoinConfirm & muxgate.v1.JoinConfirm.$Shape;
        }

        namespace JoinConfirm {

            /** Properties of a JoinConfirm. */
            interface $Properties {

                /** JoinConfirm address */
                address?: (string|null);

                /** JoinConfirm stream */
                stream?: (string|null);

                /** JoinConfirm topic */
                topic?: (string|null);

                /** JoinConfirm payload */
                payload?: (Uint8Array|null);

                /** JoinConfirm scope */
                scope?: (muxgate.v1.Scope.$Properties|null);

                /** JoinConfirm state */
                state?: (Uint8Array|null);

                /** JoinConfirm deadlineMs */
                deadlineMs?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinConfirm. */
            type $Shape = muxgate.v1.JoinConfirm.$Properties;
        }

        /**
         * Properties of a JoinConfirmReply.
         * @deprecated Use muxgate.v1.JoinConfirmReply.$Properties instead.
         */
        interface IJoinConfirmReply extends muxgate.v1.JoinConfirmReply.$Properties {
        }

        /** Represents a JoinConfirmReply. */
        class JoinConfirmReply {

            /**
             * Constructs a new JoinConfirmReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.JoinConfirmReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinConfirmReply accept. */
            accept?: (muxgate.v1.JoinAccept.$Properties|null);

            /** JoinConfirmReply refuse. */
            refuse?: (muxgate.v1.JoinRefuse.$Properties|null);

            /** JoinConfirmReply result. */
            result?: ("accept"|"refuse");

            /**
             * Creates a new JoinConfirmReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinConfirmReply instance
             */
            static create(properties: muxgate.v1.JoinConfirmReply.$Shape): muxgate.v1.JoinConfirmReply & muxgate.v1.JoinConfirmReply.$Shape;
            static create(properties?: muxgate.v1.JoinConfirmReply.$Properties): muxgate.v1.JoinConfirmReply;

            /**
             * Encodes the specified JoinConfirmReply message. Does not implicitly {@link muxgate.v1.JoinConfirmReply.verify|verify} messages.
             * @param message JoinConfirmReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.JoinConfirmReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinConfirmReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinConfirmReply & muxgate.v1.JoinConfirmReply.$Shape} JoinConfirmReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.JoinConfirmReply & muxgate.v1.JoinConfirmReply.$Shape;
        }

        namespace JoinConfirmReply {

            /** Properties of a JoinConfirmReply. */
            interface $Properties {

                /** JoinConfirmReply accept */
                accept?: (muxgate.v1.JoinAccept.$Properties|null);

                /** JoinConfirmReply refuse */
                refuse?: (muxgate.v1.JoinRefuse.$Properties|null);

                /** JoinConfirmReply result */
                result?: ("accept"|"refuse");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a JoinConfirmReply. */
            type $Shape = {
              accept?: muxgate.v1.JoinAccept.$Shape|null;
              refuse?: muxgate.v1.JoinRefuse.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ result?: undefined; accept?: null; refuse?: null }|{ result?: "accept"; accept: muxgate.v1.JoinAccept.$Shape; refuse?: null }|{ result?: "refuse"; accept?: null; refuse: muxgate.v1.JoinRefuse.$Shape })
            );
        }

        /**
         * Properties of a JoinRefuse.
         * @deprecated Use muxgate.v1.JoinRefuse.$Properties instead.
         */
        interface IJoinRefuse extends muxgate.v1.JoinRefuse.$Properties {
        }

        /** Represents a JoinRefuse. */
        class JoinRefuse {

            /**
             * Constructs a new JoinRefuse.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.JoinRefuse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinRefuse code. */
            code: string;

            /** JoinRefuse message. */
            message: string;

            /**
             * Creates a new JoinRefuse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinRefuse instance
             */
            static create(properties: muxgate.v1.JoinRefuse.$Shape): muxgate.v1.JoinRefuse & muxgate.v1.JoinRefuse.$Shape;
            static create(properties?: muxgate.v1.JoinRefuse.$Properties): muxgate.v1.JoinRefuse;

            /**
             * Encodes the specified JoinRefuse message. Does not implicitly {@link muxgate.v1.JoinRefuse.verify|verify} messages.
             * @param message JoinRefuse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.JoinRefuse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinRefuse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinRefuse & muxgate.v1.JoinRefuse.$Shape} JoinRefuse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.JoinRefuse & muxgate.v1.JoinRefuse.$Shape;
        }

        namespace JoinRefuse {

            /** Properties of a JoinRefuse. */
            interface $Properties {

                /** JoinRefuse code */
                code?: (string|null);

                /** JoinRefuse message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a JoinRefuse. */
            type $Shape = muxgate.v1.JoinRefuse.$Properties;
        }

        /**
         * Properties of a JoinReply.
         * @deprecated Use muxgate.v1.JoinReply.$Properties instead.
         */
        interface IJoinReply extends muxgate.v1.JoinReply.$Properties {
        }

        /** Represents a JoinReply. */
        class JoinReply {

            /**
             * Constructs a new JoinReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.JoinReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** JoinReply accept. */
            accept?: (muxgate.v1.JoinAccept.$Properties|null);

            /** JoinReply refuse. */
            refuse?: (muxgate.v1.JoinRefuse.$Properties|null);

            /** JoinReply result. */
            result?: ("accept"|"refuse");

            /**
             * Creates a new JoinReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns JoinReply instance
             */
            static create(properties: muxgate.v1.JoinReply.$Shape): muxgate.v1.JoinReply & muxgate.v1.JoinReply.$Shape;
            static create(properties?: muxgate.v1.JoinReply.$Properties): muxgate.v1.JoinReply;

            /**
             * Encodes the specified JoinReply message. Does not implicitly {@link muxgate.v1.JoinReply.verify|verify} messages.
             * @param message JoinReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.JoinReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a JoinReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.JoinReply & muxgate.v1.JoinReply.$Shape} JoinReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.JoinReply & muxgate.v1.JoinReply.$Shape;
        }

        namespace JoinReply {

            /** Properties of a JoinReply. */
            interface $Properties {

                /** JoinReply accept */
                accept?: (muxgate.v1.JoinAccept.$Properties|null);

                /** JoinReply refuse */
                refuse?: (muxgate.v1.JoinRefuse.$Properties|null);

                /** JoinReply result */
                result?: ("accept"|"refuse");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a JoinReply. */
            type $Shape = {
              accept?: muxgate.v1.JoinAccept.$Shape|null;
              refuse?: muxgate.v1.JoinRefuse.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ result?: undefined; accept?: null; refuse?: null }|{ result?: "accept"; accept: muxgate.v1.JoinAccept.$Shape; refuse?: null }|{ result?: "refuse"; accept?: null; refuse: muxgate.v1.JoinRefuse.$Shape })
            );
        }

        /**
         * Properties of an Inbound.
         * @deprecated Use muxgate.v1.Inbound.$Properties instead.
         */
        interface IInbound extends muxgate.v1.Inbound.$Properties {
        }

        /** Represents an Inbound. */
        class Inbound {

            /**
             * Constructs a new Inbound.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.Inbound.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Inbound address. */
            address: string;

            /** Inbound stream. */
            stream: string;

            /** Inbound topic. */
            topic: string;

            /** Inbound payload. */
            payload: Uint8Array;

            /** Inbound ref. */
            ref: string;

            /** Inbound scope. */
            scope?: (muxgate.v1.Scope.$Properties|null);

            /** Inbound state. */
            state: Uint8Array;

            /** Inbound msgId. */
            msgId: string;

            /** Inbound deadlineMs. */
            deadlineMs: (number|Long);

            /**
             * Creates a new Inbound instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Inbound instance
             */
            static create(properties: muxgate.v1.Inbound.$Shape): muxgate.v1.Inbound & muxgate.v1.Inbound.$Shape;
            static create(properties?: muxgate.v1.Inbound.$Properties): muxgate.v1.Inbound;

            /**
             * Encodes the specified Inbound message. Does not implicitly {@link muxgate.v1.Inbound.verify|verify} messages.
             * @param message Inbound message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.Inbound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Inbound message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.Inbound & muxgate.v1.Inbound.$Shape} Inbound
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.Inbound & muxgate.v1.Inbound.$Shape;
        }

        namespace Inbound {

            /** Properties of an Inbound. */
            interface $Properties {

                /** Inbound address */
                address?: (string|null);

                /** Inbound stream */
                stream?: (string|null);

                /** Inbound topic */
                topic?: (string|null);

                /** Inbound payload */
                payload?: (Uint8Array|null);

                /** Inbound ref */
                ref?: (string|null);

                /** Inbound scope */
                scope?: (muxgate.v1.Scope.$Properties|null);

                /** Inbound state */
                state?: (Uint8Array|null);

                /** Inbound msgId */
                msgId?: (string|null);

                /** Inbound deadlineMs */
                deadlineMs?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Inbound. */
            type $Shape = muxgate.v1.Inbound.$Properties;
        }

        /**
         * Properties of a Leave.
         * @deprecated Use muxgate.v1.Leave.$Properties instead.
         */
        interface ILeave extends muxgate.v1.Leave.$Properties {
        }

        /** Represents a Leave. */
        class Leave {

            /**
             * Constructs a new Leave.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.Leave.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Leave address. */
            address: string;

            /** Leave stream. */
            stream: string;

            /** Leave topic. */
            topic: string;

            /** Leave reason. */
            reason: string;

            /** Leave scope. */
            scope?: (muxgate.v1.Scope.$Properties|null);

            /** Leave state. */
            state: Uint8Array;

            /**
             * Creates a new Leave instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Leave instance
             */
            static create(properties: muxgate.v1.Leave.$Shape): muxgate.v1.Leave & muxgate.v1.Leave.$Shape;
            static create(properties?: muxgate.v1.Leave.$Properties): muxgate.v1.Leave;

            /**
             * Encodes the specified Leave message. Does not implicitly {@link muxgate.v1.Leave.verify|verify} messages.
             * @param message Leave message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.Leave.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Leave message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.Leave & muxgate.v1.Leave.$Shape} Leave
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.Leave & muxgate.v1.Leave.$Shape;
        }

        namespace Leave {

            /** Properties of a Leave. */
            interface $Properties {

                /** Leave address */
                address?: (string|null);

                /** Leave stream */
                stream?: (string|null);

                /** Leave topic */
                topic?: (string|null);

                /** Leave reason */
                reason?: (string|null);

                /** Leave scope */
                scope?: (muxgate.v1.Scope.$Properties|null);

                /** Leave state */
                state?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Leave. */
            type $Shape = muxgate.v1.Leave.$Properties;
        }

        /**
         * Properties of an OutMsg.
         * @deprecated Use muxgate.v1.OutMsg.$Properties instead.
         */
        interface IOutMsg extends muxgate.v1.OutMsg.$Properties {
        }

        /** Represents an OutMsg. */
        class OutMsg {

            /**
             * Constructs a new OutMsg.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.OutMsg.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OutMsg payload. */
            payload: Uint8Array;

            /**
             * Creates a new OutMsg instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OutMsg instance
             */
            static create(properties: muxgate.v1.OutMsg.$Shape): muxgate.v1.OutMsg & muxgate.v1.OutMsg.$Shape;
            static create(properties?: muxgate.v1.OutMsg.$Properties): muxgate.v1.OutMsg;

            /**
             * Encodes the specified OutMsg message. Does not implicitly {@link muxgate.v1.OutMsg.verify|verify} messages.
             * @param message OutMsg message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.OutMsg.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OutMsg message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.OutMsg & muxgate.v1.OutMsg.$Shape} OutMsg
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.OutMsg & muxgate.v1.OutMsg.$Shape;
        }

        namespace OutMsg {

            /** Properties of an OutMsg. */
            interface $Properties {

                /** OutMsg payload */
                payload?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OutMsg. */
            type $Shape = muxgate.v1.OutMsg.$Properties;
        }

        /**
         * Properties of an OutReply.
         * @deprecated Use muxgate.v1.OutReply.$Properties instead.
         */
        interface IOutReply extends muxgate.v1.OutReply.$Properties {
        }

        /** Represents an OutReply. */
        class OutReply {

            /**
             * Constructs a new OutReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.OutReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OutReply ref. */
            ref: string;

            /** OutReply payload. */
            payload: Uint8Array;

            /**
             * Creates a new OutReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OutReply instance
             */
            static create(properties: muxgate.v1.OutReply.$Shape): muxgate.v1.OutReply & muxgate.v1.OutReply.$Shape;
            static create(properties?: muxgate.v1.OutReply.$Properties): muxgate.v1.OutReply;

            /**
             * Encodes the specified OutReply message. Does not implicitly {@link muxgate.v1.OutReply.verify|verify} messages.
             * @param message OutReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.OutReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OutReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.OutReply & muxgate.v1.OutReply.$Shape} OutReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.OutReply & muxgate.v1.OutReply.$Shape;
        }

        namespace OutReply {

            /** Properties of an OutReply. */
            interface $Properties {

                /** OutReply ref */
                ref?: (string|null);

                /** OutReply payload */
                payload?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OutReply. */
            type $Shape = muxgate.v1.OutReply.$Properties;
        }

        /**
         * Properties of an OutClose.
         * @deprecated Use muxgate.v1.OutClose.$Properties instead.
         */
        interface IOutClose extends muxgate.v1.OutClose.$Properties {
        }

        /** Represents an OutClose. */
        class OutClose {

            /**
             * Constructs a new OutClose.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.OutClose.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OutClose code. */
            code: string;

            /** OutClose reason. */
            reason: string;

            /**
             * Creates a new OutClose instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OutClose instance
             */
            static create(properties: muxgate.v1.OutClose.$Shape): muxgate.v1.OutClose & muxgate.v1.OutClose.$Shape;
            static create(properties?: muxgate.v1.OutClose.$Properties): muxgate.v1.OutClose;

            /**
             * Encodes the specified OutClose message. Does not implicitly {@link muxgate.v1.OutClose.verify|verify} messages.
             * @param message OutClose message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.OutClose.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OutClose message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.OutClose & muxgate.v1.OutClose.$Shape} OutClose
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.OutClose & muxgate.v1.OutClose.$Shape;
        }

        namespace OutClose {

            /** Properties of an OutClose. */
            interface $Properties {

                /** OutClose code */
                code?: (string|null);

                /** OutClose reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OutClose. */
            type $Shape = muxgate.v1.OutClose.$Properties;
        }

        /**
         * Properties of an OutGroups.
         * @deprecated Use muxgate.v1.OutGroups.$Properties instead.
         */
        interface IOutGroups extends muxgate.v1.OutGroups.$Properties {
        }

        /** Represents an OutGroups. */
        class OutGroups {

            /**
             * Constructs a new OutGroups.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.OutGroups.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OutGroups groups. */
            groups: string[];

            /**
             * Creates a new OutGroups instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OutGroups instance
             */
            static create(properties: muxgate.v1.OutGroups.$Shape): muxgate.v1.OutGroups & muxgate.v1.OutGroups.$Shape;
            static create(properties?: muxgate.v1.OutGroups.$Properties): muxgate.v1.OutGroups;

            /**
             * Encodes the specified OutGroups message. Does not implicitly {@link muxgate.v1.OutGroups.verify|verify} messages.
             * @param message OutGroups message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.OutGroups.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OutGroups message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.OutGroups & muxgate.v1.OutGroups.$Shape} OutGroups
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.OutGroups & muxgate.v1.OutGroups.$Shape;
        }

        namespace OutGroups {

            /** Properties of an OutGroups. */
            interface $Properties {

                /** OutGroups groups */
                groups?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OutGroups. */
            type $Shape = muxgate.v1.OutGroups.$Properties;
        }

        /**
         * Properties of an Outbound.
         * @deprecated Use muxgate.v1.Outbound.$Properties instead.
         */
        interface IOutbound extends muxgate.v1.Outbound.$Properties {
        }

        /** Represents an Outbound. */
        class Outbound {

            /**
             * Constructs a new Outbound.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.Outbound.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Outbound stream. */
            stream: string;

            /** Outbound msg. */
            msg?: (muxgate.v1.OutMsg.$Properties|null);

            /** Outbound reply. */
            reply?: (muxgate.v1.OutReply.$Properties|null);

            /** Outbound close. */
            close?: (muxgate.v1.OutClose.$Properties|null);

            /** Outbound groupAdd. */
            groupAdd?: (muxgate.v1.OutGroups.$Properties|null);

            /** Outbound groupDiscard. */
            groupDiscard?: (muxgate.v1.OutGroups.$Properties|null);

            /** Outbound kind. */
            kind?: ("msg"|"reply"|"close"|"groupAdd"|"groupDiscard");

            /**
             * Creates a new Outbound instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Outbound instance
             */
            static create(properties: muxgate.v1.Outbound.$Shape): muxgate.v1.Outbound & muxgate.v1.Outbound.$Shape;
            static create(properties?: muxgate.v1.Outbound.$Properties): muxgate.v1.Outbound;

            /**
             * Encodes the specified Outbound message. Does not implicitly {@link muxgate.v1.Outbound.verify|verify} messages.
             * @param message Outbound message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.Outbound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Outbound message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.Outbound & muxgate.v1.Outbound.$Shape} Outbound
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.Outbound & muxgate.v1.Outbound.$Shape;
        }

        namespace Outbound {

            /** Properties of an Outbound. */
            interface $Properties {

                /** Outbound stream */
                stream?: (string|null);

                /** Outbound msg */
                msg?: (muxgate.v1.OutMsg.$Properties|null);

                /** Outbound reply */
                reply?: (muxgate.v1.OutReply.$Properties|null);

                /** Outbound close */
                close?: (muxgate.v1.OutClose.$Properties|null);

                /** Outbound groupAdd */
                groupAdd?: (muxgate.v1.OutGroups.$Properties|null);

                /** Outbound groupDiscard */
                groupDiscard?: (muxgate.v1.OutGroups.$Properties|null);

                /** Outbound kind */
                kind?: ("msg"|"reply"|"close"|"groupAdd"|"groupDiscard");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Outbound. */
            type $Shape = {
              stream?: string|null;
              msg?: muxgate.v1.OutMsg.$Shape|null;
              reply?: muxgate.v1.OutReply.$Shape|null;
              close?: muxgate.v1.OutClose.$Shape|null;
              groupAdd?: muxgate.v1.OutGroups.$Shape|null;
              groupDiscard?: muxgate.v1.OutGroups.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; msg?: null; reply?: null; close?: null; groupAdd?: null; groupDiscard?: null }|{ kind?: "msg"; msg: muxgate.v1.OutMsg.$Shape; reply?: null; close?: null; groupAdd?: null; groupDiscard?: null }|{ kind?: "reply"; msg?: null; reply: muxgate.v1.OutReply.$Shape; close?: null; groupAdd?: null; groupDiscard?: null }|{ kind?: "close"; msg?: null; reply?: null; close: muxgate.v1.OutClose.$Shape; groupAdd?: null; groupDiscard?: null }|{ kind?: "groupAdd"; msg?: null; reply?: null; close?: null; groupAdd: muxgate.v1.OutGroups.$Shape; groupDiscard?: null }|{ kind?: "groupDiscard"; msg?: null; reply?: null; close?: null; groupAdd?: null; groupDiscard: muxgate.v1.OutGroups.$Shape })
            );
        }

        /**
         * Properties of a GroupMessage.
         * @deprecated Use muxgate.v1.GroupMessage.$Properties instead.
         */
        interface IGroupMessage extends muxgate.v1.GroupMessage.$Properties {
        }

        /** Represents a GroupMessage. */
        class GroupMessage {

            /**
             * Constructs a new GroupMessage.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.GroupMessage.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** GroupMessage group. */
            group: string;

            /** GroupMessage payload. */
            payload: Uint8Array;

            /**
             * Creates a new GroupMessage instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GroupMessage instance
             */
            static create(properties: muxgate.v1.GroupMessage.$Shape): muxgate.v1.GroupMessage & muxgate.v1.GroupMessage.$Shape;
            static create(properties?: muxgate.v1.GroupMessage.$Properties): muxgate.v1.GroupMessage;

            /**
             * Encodes the specified GroupMessage message. Does not implicitly {@link muxgate.v1.GroupMessage.verify|verify} messages.
             * @param message GroupMessage message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.GroupMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GroupMessage message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.GroupMessage & muxgate.v1.GroupMessage.$Shape} GroupMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.GroupMessage & muxgate.v1.GroupMessage.$Shape;
        }

        namespace GroupMessage {

            /** Properties of a GroupMessage. */
            interface $Properties {

                /** GroupMessage group */
                group?: (string|null);

                /** GroupMessage payload */
                payload?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GroupMessage. */
            type $Shape = muxgate.v1.GroupMessage.$Properties;
        }

        /**
         * Properties of a GatewayBeat.
         * @deprecated Use muxgate.v1.GatewayBeat.$Properties instead.
         */
        interface IGatewayBeat extends muxgate.v1.GatewayBeat.$Properties {
        }

        /** Represents a GatewayBeat. */
        class GatewayBeat {

            /**
             * Constructs a new GatewayBeat.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.GatewayBeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** GatewayBeat gateway. */
            gateway: string;

            /** GatewayBeat intervalMs. */
            intervalMs: number;

            /** GatewayBeat stopping. */
            stopping: boolean;

            /**
             * Creates a new GatewayBeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GatewayBeat instance
             */
            static create(properties: muxgate.v1.GatewayBeat.$Shape): muxgate.v1.GatewayBeat & muxgate.v1.GatewayBeat.$Shape;
            static create(properties?: muxgate.v1.GatewayBeat.$Properties): muxgate.v1.GatewayBeat;

            /**
             * Encodes the specified GatewayBeat message. Does not implicitly {@link muxgate.v1.GatewayBeat.verify|verify} messages.
             * @param message GatewayBeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.GatewayBeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GatewayBeat message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.GatewayBeat & muxgate.v1.GatewayBeat.$Shape} GatewayBeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.GatewayBeat & muxgate.v1.GatewayBeat.$Shape;
        }

        namespace GatewayBeat {

            /** Properties of a GatewayBeat. */
            interface $Properties {

                /** GatewayBeat gateway */
                gateway?: (string|null);

                /** GatewayBeat intervalMs */
                intervalMs?: (number|null);

                /** GatewayBeat stopping */
                stopping?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GatewayBeat. */
            type $Shape = muxgate.v1.GatewayBeat.$Properties;
        }

        /**
         * Properties of a Control.
         * @deprecated Use muxgate.v1.Control.$Properties instead.
         */
        interface IControl extends muxgate.v1.Control.$Properties {
        }

        /** Represents a Control. */
        class Control {

            /**
             * Constructs a new Control.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.Control.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Control conn. */
            conn: string;

            /** Control user. */
            user: string;

            /** Control stream. */
            stream: string;

            /** Control reason. */
            reason: string;

            /**
             * Creates a new Control instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Control instance
             */
            static create(properties: muxgate.v1.Control.$Shape): muxgate.v1.Control & muxgate.v1.Control.$Shape;
            static create(properties?: muxgate.v1.Control.$Properties): muxgate.v1.Control;

            /**
             * Encodes the specified Control message. Does not implicitly {@link muxgate.v1.Control.verify|verify} messages.
             * @param message Control message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.Control.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Control message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.Control & muxgate.v1.Control.$Shape} Control
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.Control & muxgate.v1.Control.$Shape;
        }

        namespace Control {

            /** Properties of a Control. */
            interface $Properties {

                /** Control conn */
                conn?: (string|null);

                /** Control user */
                user?: (string|null);

                /** Control stream */
                stream?: (string|null);

                /** Control reason */
                reason?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Control. */
            type $Shape = muxgate.v1.Control.$Properties;
        }

        /**
         * Properties of a PresenceMember.
         * @deprecated Use muxgate.v1.PresenceMember.$Properties instead.
         */
        interface IPresenceMember extends muxgate.v1.PresenceMember.$Properties {
        }

        /** Represents a PresenceMember. */
        class PresenceMember {

            /**
             * Constructs a new PresenceMember.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.PresenceMember.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceMember conn. */
            conn: string;

            /** PresenceMember user. */
            user: string;

            /** PresenceMember info. */
            info: Uint8Array;

            /**
             * Creates a new PresenceMember instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceMember instance
             */
            static create(properties: muxgate.v1.PresenceMember.$Shape): muxgate.v1.PresenceMember & muxgate.v1.PresenceMember.$Shape;
            static create(properties?: muxgate.v1.PresenceMember.$Properties): muxgate.v1.PresenceMember;

            /**
             * Encodes the specified PresenceMember message. Does not implicitly {@link muxgate.v1.PresenceMember.verify|verify} messages.
             * @param message PresenceMember message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.PresenceMember.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceMember message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceMember & muxgate.v1.PresenceMember.$Shape} PresenceMember
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.PresenceMember & muxgate.v1.PresenceMember.$Shape;
        }

        namespace PresenceMember {

            /** Properties of a PresenceMember. */
            interface $Properties {

                /** PresenceMember conn */
                conn?: (string|null);

                /** PresenceMember user */
                user?: (string|null);

                /** PresenceMember info */
                info?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceMember. */
            type $Shape = muxgate.v1.PresenceMember.$Properties;
        }

        /**
         * Properties of a PresenceUpdate.
         * @deprecated Use muxgate.v1.PresenceUpdate.$Properties instead.
         */
        interface IPresenceUpdate extends muxgate.v1.PresenceUpdate.$Properties {
        }

        /** Represents a PresenceUpdate. */
        class PresenceUpdate {

            /**
             * Constructs a new PresenceUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.PresenceUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceUpdate gateway. */
            gateway: string;

            /** PresenceUpdate diff. */
            diff?: (muxgate.v1.PresenceDiff.$Properties|null);

            /** PresenceUpdate state. */
            state?: (muxgate.v1.PresenceState.$Properties|null);

            /** PresenceUpdate query. */
            query?: (muxgate.v1.PresenceQuery.$Properties|null);

            /** PresenceUpdate kind. */
            kind?: ("diff"|"state"|"query");

            /**
             * Creates a new PresenceUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceUpdate instance
             */
            static create(properties: muxgate.v1.PresenceUpdate.$Shape): muxgate.v1.PresenceUpdate & muxgate.v1.PresenceUpdate.$Shape;
            static create(properties?: muxgate.v1.PresenceUpdate.$Properties): muxgate.v1.PresenceUpdate;

            /**
             * Encodes the specified PresenceUpdate message. Does not implicitly {@link muxgate.v1.PresenceUpdate.verify|verify} messages.
             * @param message PresenceUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.PresenceUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceUpdate & muxgate.v1.PresenceUpdate.$Shape} PresenceUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.PresenceUpdate & muxgate.v1.PresenceUpdate.$Shape;
        }

        namespace PresenceUpdate {

            /** Properties of a PresenceUpdate. */
            interface $Properties {

                /** PresenceUpdate gateway */
                gateway?: (string|null);

                /** PresenceUpdate diff */
                diff?: (muxgate.v1.PresenceDiff.$Properties|null);

                /** PresenceUpdate state */
                state?: (muxgate.v1.PresenceState.$Properties|null);

                /** PresenceUpdate query */
                query?: (muxgate.v1.PresenceQuery.$Properties|null);

                /** PresenceUpdate kind */
                kind?: ("diff"|"state"|"query");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a PresenceUpdate. */
            type $Shape = {
              gateway?: string|null;
              diff?: muxgate.v1.PresenceDiff.$Shape|null;
              state?: muxgate.v1.PresenceState.$Shape|null;
              query?: muxgate.v1.PresenceQuery.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; diff?: null; state?: null; query?: null }|{ kind?: "diff"; diff: muxgate.v1.PresenceDiff.$Shape; state?: null; query?: null }|{ kind?: "state"; diff?: null; state: muxgate.v1.PresenceState.$Shape; query?: null }|{ kind?: "query"; diff?: null; state?: null; query: muxgate.v1.PresenceQuery.$Shape })
            );
        }

        /**
         * Properties of a PresenceDiff.
         * @deprecated Use muxgate.v1.PresenceDiff.$Properties instead.
         */
        interface IPresenceDiff extends muxgate.v1.PresenceDiff.$Properties {
        }

        /** Represents a PresenceDiff. */
        class PresenceDiff {

            /**
             * Constructs a new PresenceDiff.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.PresenceDiff.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceDiff joins. */
            joins: muxgate.v1.PresenceMember.$Properties[];

            /** PresenceDiff leaves. */
            leaves: string[];

            /**
             * Creates a new PresenceDiff instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceDiff instance
             */
            static create(properties: muxgate.v1.PresenceDiff.$Shape): muxgate.v1.PresenceDiff & muxgate.v1.PresenceDiff.$Shape;
            static create(properties?: muxgate.v1.PresenceDiff.$Properties): muxgate.v1.PresenceDiff;

            /**
             * Encodes the specified PresenceDiff message. Does not implicitly {@link muxgate.v1.PresenceDiff.verify|verify} messages.
             * @param message PresenceDiff message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.PresenceDiff.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceDiff message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceDiff & muxgate.v1.PresenceDiff.$Shape} PresenceDiff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.PresenceDiff & muxgate.v1.PresenceDiff.$Shape;
        }

        namespace PresenceDiff {

            /** Properties of a PresenceDiff. */
            interface $Properties {

                /** PresenceDiff joins */
                joins?: (muxgate.v1.PresenceMember.$Properties[]|null);

                /** PresenceDiff leaves */
                leaves?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceDiff. */
            type $Shape = muxgate.v1.PresenceDiff.$Properties;
        }

        /**
         * Properties of a PresenceState.
         * @deprecated Use muxgate.v1.PresenceState.$Properties instead.
         */
        interface IPresenceState extends muxgate.v1.PresenceState.$Properties {
        }

        /** Represents a PresenceState. */
        class PresenceState {

            /**
             * Constructs a new PresenceState.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.PresenceState.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** PresenceState members. */
            members: muxgate.v1.PresenceMember.$Properties[];

            /** PresenceState first. */
            first: boolean;

            /** PresenceState last. */
            last: boolean;

            /**
             * Creates a new PresenceState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceState instance
             */
            static create(properties: muxgate.v1.PresenceState.$Shape): muxgate.v1.PresenceState & muxgate.v1.PresenceState.$Shape;
            static create(properties?: muxgate.v1.PresenceState.$Properties): muxgate.v1.PresenceState;

            /**
             * Encodes the specified PresenceState message. Does not implicitly {@link muxgate.v1.PresenceState.verify|verify} messages.
             * @param message PresenceState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.PresenceState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceState & muxgate.v1.PresenceState.$Shape} PresenceState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.PresenceState & muxgate.v1.PresenceState.$Shape;
        }

        namespace PresenceState {

            /** Properties of a PresenceState. */
            interface $Properties {

                /** PresenceState members */
                members?: (muxgate.v1.PresenceMember.$Properties[]|null);

                /** PresenceState first */
                first?: (boolean|null);

                /** PresenceState last */
                last?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceState. */
            type $Shape = muxgate.v1.PresenceState.$Properties;
        }

        /**
         * Properties of a PresenceQuery.
         * @deprecated Use muxgate.v1.PresenceQuery.$Properties instead.
         */
        interface IPresenceQuery extends muxgate.v1.PresenceQuery.$Properties {
        }

        /** Represents a PresenceQuery. */
        class PresenceQuery {

            /**
             * Constructs a new PresenceQuery.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.PresenceQuery.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new PresenceQuery instance using the specified properties.
             * @param [properties] Properties to set
             * @returns PresenceQuery instance
             */
            static create(properties: muxgate.v1.PresenceQuery.$Shape): muxgate.v1.PresenceQuery & muxgate.v1.PresenceQuery.$Shape;
            static create(properties?: muxgate.v1.PresenceQuery.$Properties): muxgate.v1.PresenceQuery;

            /**
             * Encodes the specified PresenceQuery message. Does not implicitly {@link muxgate.v1.PresenceQuery.verify|verify} messages.
             * @param message PresenceQuery message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.PresenceQuery.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a PresenceQuery message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.PresenceQuery & muxgate.v1.PresenceQuery.$Shape} PresenceQuery
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.PresenceQuery & muxgate.v1.PresenceQuery.$Shape;
        }

        namespace PresenceQuery {

            /** Properties of a PresenceQuery. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a PresenceQuery. */
            type $Shape = muxgate.v1.PresenceQuery.$Properties;
        }

        /**
         * Properties of a ConnectRequest.
         * @deprecated Use muxgate.v1.ConnectRequest.$Properties instead.
         */
        interface IConnectRequest extends muxgate.v1.ConnectRequest.$Properties {
        }

        /** Represents a ConnectRequest. */
        class ConnectRequest {

            /**
             * Constructs a new ConnectRequest.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.ConnectRequest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ConnectRequest address. */
            address: string;

            /** ConnectRequest scope. */
            scope?: (muxgate.v1.Scope.$Properties|null);

            /** ConnectRequest deadlineMs. */
            deadlineMs: (number|Long);

            /**
             * Creates a new ConnectRequest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConnectRequest instance
             */
            static create(properties: muxgate.v1.ConnectRequest.$Shape): muxgate.v1.ConnectRequest & muxgate.v1.ConnectRequest.$Shape;
            static create(properties?: muxgate.v1.ConnectRequest.$Properties): muxgate.v1.ConnectRequest;

            /**
             * Encodes the specified ConnectRequest message. Does not implicitly {@link muxgate.v1.ConnectRequest.verify|verify} messages.
             * @param message ConnectRequest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.ConnectRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConnectRequest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.ConnectRequest & muxgate.v1.ConnectRequest.$Shape} ConnectRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.ConnectRequest & muxgate.v1.ConnectRequest.$Shape;
        }

        namespace ConnectRequest {

            /** Properties of a ConnectRequest. */
            interface $Properties {

                /** ConnectRequest address */
                address?: (string|null);

                /** ConnectRequest scope */
                scope?: (muxgate.v1.Scope.$Properties|null);

                /** ConnectRequest deadlineMs */
                deadlineMs?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConnectRequest. */
            type $Shape = muxgate.v1.ConnectRequest.$Properties;
        }

        /**
         * Properties of a ConnectStream.
         * @deprecated Use muxgate.v1.ConnectStream.$Properties instead.
         */
        interface IConnectStream extends muxgate.v1.ConnectStream.$Properties {
        }

        /** Represents a ConnectStream. */
        class ConnectStream {

            /**
             * Constructs a new ConnectStream.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.ConnectStream.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ConnectStream stream. */
            stream: string;

            /** ConnectStream payload. */
            payload: Uint8Array;

            /** ConnectStream groups. */
            groups: string[];

            /** ConnectStream state. */
            state: Uint8Array;

            /**
             * Creates a new ConnectStream instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConnectStream instance
             */
            static create(properties: muxgate.v1.ConnectStream.$Shape): muxgate.v1.ConnectStream & muxgate.v1.ConnectStream.$Shape;
            static create(properties?: muxgate.v1.ConnectStream.$Properties): muxgate.v1.ConnectStream;

            /**
             * Encodes the specified ConnectStream message. Does not implicitly {@link muxgate.v1.ConnectStream.verify|verify} messages.
             * @param message ConnectStream message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.ConnectStream.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConnectStream message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.ConnectStream & muxgate.v1.ConnectStream.$Shape} ConnectStream
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.ConnectStream & muxgate.v1.ConnectStream.$Shape;
        }

        namespace ConnectStream {

            /** Properties of a ConnectStream. */
            interface $Properties {

                /** ConnectStream stream */
                stream?: (string|null);

                /** ConnectStream payload */
                payload?: (Uint8Array|null);

                /** ConnectStream groups */
                groups?: (string[]|null);

                /** ConnectStream state */
                state?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConnectStream. */
            type $Shape = muxgate.v1.ConnectStream.$Properties;
        }

        /**
         * Properties of a ConnectReply.
         * @deprecated Use muxgate.v1.ConnectReply.$Properties instead.
         */
        interface IConnectReply extends muxgate.v1.ConnectReply.$Properties {
        }

        /** Represents a ConnectReply. */
        class ConnectReply {

            /**
             * Constructs a new ConnectReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.ConnectReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ConnectReply streams. */
            streams: muxgate.v1.ConnectStream.$Properties[];

            /**
             * Creates a new ConnectReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ConnectReply instance
             */
            static create(properties: muxgate.v1.ConnectReply.$Shape): muxgate.v1.ConnectReply & muxgate.v1.ConnectReply.$Shape;
            static create(properties?: muxgate.v1.ConnectReply.$Properties): muxgate.v1.ConnectReply;

            /**
             * Encodes the specified ConnectReply message. Does not implicitly {@link muxgate.v1.ConnectReply.verify|verify} messages.
             * @param message ConnectReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.ConnectReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ConnectReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.ConnectReply & muxgate.v1.ConnectReply.$Shape} ConnectReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.ConnectReply & muxgate.v1.ConnectReply.$Shape;
        }

        namespace ConnectReply {

            /** Properties of a ConnectReply. */
            interface $Properties {

                /** ConnectReply streams */
                streams?: (muxgate.v1.ConnectStream.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ConnectReply. */
            type $Shape = muxgate.v1.ConnectReply.$Properties;
        }

        /** HttpOp enum. */
        enum HttpOp {

            /** HTTP_OP_UNSPECIFIED value */
            HTTP_OP_UNSPECIFIED = 0,

            /** HTTP_OP_POLL value */
            HTTP_OP_POLL = 1,

            /** HTTP_OP_SEND value */
            HTTP_OP_SEND = 2,

            /** HTTP_OP_CLOSE value */
            HTTP_OP_CLOSE = 3
        }

        /**
         * Properties of a HttpForward.
         * @deprecated Use muxgate.v1.HttpForward.$Properties instead.
         */
        interface IHttpForward extends muxgate.v1.HttpForward.$Properties {
        }

        /** Represents a HttpForward. */
        class HttpForward {

            /**
             * Constructs a new HttpForward.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.HttpForward.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** HttpForward op. */
            op: muxgate.v1.HttpOp;

            /** HttpForward session. */
            session: string;

            /** HttpForward body. */
            body: Uint8Array;

            /** HttpForward hasAck. */
            hasAck: boolean;

            /** HttpForward ack. */
            ack: (number|Long);

            /** HttpForward hasSeq. */
            hasSeq: boolean;

            /** HttpForward seq. */
            seq: (number|Long);

            /**
             * Creates a new HttpForward instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HttpForward instance
             */
            static create(properties: muxgate.v1.HttpForward.$Shape): muxgate.v1.HttpForward & muxgate.v1.HttpForward.$Shape;
            static create(properties?: muxgate.v1.HttpForward.$Properties): muxgate.v1.HttpForward;

            /**
             * Encodes the specified HttpForward message. Does not implicitly {@link muxgate.v1.HttpForward.verify|verify} messages.
             * @param message HttpForward message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.HttpForward.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HttpForward message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.HttpForward & muxgate.v1.HttpForward.$Shape} HttpForward
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.HttpForward & muxgate.v1.HttpForward.$Shape;
        }

        namespace HttpForward {

            /** Properties of a HttpForward. */
            interface $Properties {

                /** HttpForward op */
                op?: (muxgate.v1.HttpOp|null);

                /** HttpForward session */
                session?: (string|null);

                /** HttpForward body */
                body?: (Uint8Array|null);

                /** HttpForward hasAck */
                hasAck?: (boolean|null);

                /** HttpForward ack */
                ack?: (number|Long|null);

                /** HttpForward hasSeq */
                hasSeq?: (boolean|null);

                /** HttpForward seq */
                seq?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HttpForward. */
            type $Shape = muxgate.v1.HttpForward.$Properties;
        }

        /**
         * Properties of a HttpForwardReply.
         * @deprecated Use muxgate.v1.HttpForwardReply.$Properties instead.
         */
        interface IHttpForwardReply extends muxgate.v1.HttpForwardReply.$Properties {
        }

        /** Represents a HttpForwardReply. */
        class HttpForwardReply {

            /**
             * Constructs a new HttpForwardReply.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.HttpForwardReply.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** HttpForwardReply status. */
            status: number;

            /** HttpForwardReply body. */
            body: Uint8Array;

            /** HttpForwardReply hasSeq. */
            hasSeq: boolean;

            /** HttpForwardReply seq. */
            seq: (number|Long);

            /**
             * Creates a new HttpForwardReply instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HttpForwardReply instance
             */
            static create(properties: muxgate.v1.HttpForwardReply.$Shape): muxgate.v1.HttpForwardReply & muxgate.v1.HttpForwardReply.$Shape;
            static create(properties?: muxgate.v1.HttpForwardReply.$Properties): muxgate.v1.HttpForwardReply;

            /**
             * Encodes the specified HttpForwardReply message. Does not implicitly {@link muxgate.v1.HttpForwardReply.verify|verify} messages.
             * @param message HttpForwardReply message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.HttpForwardReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HttpForwardReply message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.HttpForwardReply & muxgate.v1.HttpForwardReply.$Shape} HttpForwardReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.HttpForwardReply & muxgate.v1.HttpForwardReply.$Shape;
        }

        namespace HttpForwardReply {

            /** Properties of a HttpForwardReply. */
            interface $Properties {

                /** HttpForwardReply status */
                status?: (number|null);

                /** HttpForwardReply body */
                body?: (Uint8Array|null);

                /** HttpForwardReply hasSeq */
                hasSeq?: (boolean|null);

                /** HttpForwardReply seq */
                seq?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HttpForwardReply. */
            type $Shape = muxgate.v1.HttpForwardReply.$Properties;
        }

        /**
         * Properties of a ClientFrame.
         * @deprecated Use muxgate.v1.ClientFrame.$Properties instead.
         */
        interface IClientFrame extends muxgate.v1.ClientFrame.$Properties {
        }

        /** Represents a ClientFrame. */
        class ClientFrame {

            /**
             * Constructs a new ClientFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.ClientFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientFrame type. */
            type: string;

            /** ClientFrame stream. */
            stream?: (string|null);

            /** ClientFrame refText. */
            refText?: (string|null);

            /** ClientFrame refInt. */
            refInt?: (number|Long|null);

            /** ClientFrame payload. */
            payload?: (Uint8Array|null);

            /** ClientFrame since. */
            since?: (string|null);

            /** ClientFrame id. */
            id?: (string|null);

            /** ClientFrame traceparent. */
            traceparent?: (string|null);

            /** ClientFrame token. */
            token?: (string|null);

            /** ClientFrame extra. */
            extra?: (Uint8Array|null);

            /** ClientFrame protocol. */
            protocol?: (string|null);

            /** ClientFrame ref. */
            ref?: ("refText"|"refInt");

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientFrame instance
             */
            static create(properties: muxgate.v1.ClientFrame.$Shape): muxgate.v1.ClientFrame & muxgate.v1.ClientFrame.$Shape;
            static create(properties?: muxgate.v1.ClientFrame.$Properties): muxgate.v1.ClientFrame;

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link muxgate.v1.ClientFrame.verify|verify} messages.
             * @param message ClientFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.ClientFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.ClientFrame & muxgate.v1.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.ClientFrame & muxgate.v1.ClientFrame.$Shape;
        }

        namespace ClientFrame {

            /** Properties of a ClientFrame. */
            interface $Properties {

                /** ClientFrame type */
                type?: (string|null);

                /** ClientFrame stream */
                stream?: (string|null);

                /** ClientFrame refText */
                refText?: (string|null);

                /** ClientFrame refInt */
                refInt?: (number|Long|null);

                /** ClientFrame payload */
                payload?: (Uint8Array|null);

                /** ClientFrame since */
                since?: (string|null);

                /** ClientFrame id */
                id?: (string|null);

                /** ClientFrame traceparent */
                traceparent?: (string|null);

                /** ClientFrame token */
                token?: (string|null);

                /** ClientFrame extra */
                extra?: (Uint8Array|null);

                /** ClientFrame protocol */
                protocol?: (string|null);

                /** ClientFrame ref */
                ref?: ("refText"|"refInt");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ClientFrame. */
            type $Shape = {
              type?: string|null;
              stream?: string|null;
              refText?: string|null;
              refInt?: number|Long|null;
              payload?: Uint8Array|null;
              since?: string|null;
              id?: string|null;
              traceparent?: string|null;
              token?: string|null;
              extra?: Uint8Array|null;
              protocol?: string|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ ref?: undefined; refText?: null; refInt?: null }|{ ref?: "refText"; refText: string; refInt?: null }|{ ref?: "refInt"; refText?: null; refInt: number|Long })
            );
        }

        /**
         * Properties of a Limits.
         * @deprecated Use muxgate.v1.Limits.$Properties instead.
         */
        interface ILimits extends muxgate.v1.Limits.$Properties {
        }

        /** Represents a Limits. */
        class Limits {

            /**
             * Constructs a new Limits.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.Limits.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Limits maxFrameBytes. */
            maxFrameBytes?: (number|Long|null);

            /** Limits maxStreams. */
            maxStreams?: (number|Long|null);

            /** Limits ratePerSecond. */
            ratePerSecond?: (number|Long|null);

            /** Limits rateBurst. */
            rateBurst?: (number|Long|null);

            /** Limits msgTimeoutMs. */
            msgTimeoutMs?: (number|Long|null);

            /**
             * Creates a new Limits instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Limits instance
             */
            static create(properties: muxgate.v1.Limits.$Shape): muxgate.v1.Limits & muxgate.v1.Limits.$Shape;
            static create(properties?: muxgate.v1.Limits.$Properties): muxgate.v1.Limits;

            /**
             * Encodes the specified Limits message. Does not implicitly {@link muxgate.v1.Limits.verify|verify} messages.
             * @param message Limits message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.Limits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Limits message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.Limits & muxgate.v1.Limits.$Shape} Limits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.Limits & muxgate.v1.Limits.$Shape;
        }

        namespace Limits {

            /** Properties of a Limits. */
            interface $Properties {

                /** Limits maxFrameBytes */
                maxFrameBytes?: (number|Long|null);

                /** Limits maxStreams */
                maxStreams?: (number|Long|null);

                /** Limits ratePerSecond */
                ratePerSecond?: (number|Long|null);

                /** Limits rateBurst */
                rateBurst?: (number|Long|null);

                /** Limits msgTimeoutMs */
                msgTimeoutMs?: (number|Long|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Limits. */
            type $Shape = muxgate.v1.Limits.$Properties;
        }

        /**
         * Properties of a ServerFrame.
         * @deprecated Use muxgate.v1.ServerFrame.$Properties instead.
         */
        interface IServerFrame extends muxgate.v1.ServerFrame.$Properties {
        }

        /** Represents a ServerFrame. */
        class ServerFrame {

            /**
             * Constructs a new ServerFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: muxgate.v1.ServerFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ServerFrame type. */
            type: string;

            /** ServerFrame stream. */
            stream?: (string|null);

            /** ServerFrame refText. */
            refText?: (string|null);

            /** ServerFrame refInt. */
            refInt?: (number|Long|null);

            /** ServerFrame payload. */
            payload?: (Uint8Array|null);

            /** ServerFrame conn. */
            conn?: (string|null);

            /** ServerFrame heartbeatMs. */
            heartbeatMs?: (number|Long|null);

            /** ServerFrame limits. */
            limits?: (muxgate.v1.Limits.$Properties|null);

            /** ServerFrame exp. */
            exp?: (number|Long|null);

            /** ServerFrame pos. */
            pos?: (string|null);

            /** ServerFrame recovered. */
            recovered?: (boolean|null);

            /** ServerFrame via. */
            via?: (string|null);

            /** ServerFrame code. */
            code?: (string|null);

            /** ServerFrame message. */
            message?: (string|null);

            /** ServerFrame reason. */
            reason?: (string|null);

            /** ServerFrame extra. */
            extra?: (Uint8Array|null);

            /** ServerFrame protocol. */
            protocol?: (string|null);

            /** ServerFrame ref. */
            ref?: ("refText"|"refInt");

            /**
             * Creates a new ServerFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ServerFrame instance
             */
            static create(properties: muxgate.v1.ServerFrame.$Shape): muxgate.v1.ServerFrame & muxgate.v1.ServerFrame.$Shape;
            static create(properties?: muxgate.v1.ServerFrame.$Properties): muxgate.v1.ServerFrame;

            /**
             * Encodes the specified ServerFrame message. Does not implicitly {@link muxgate.v1.ServerFrame.verify|verify} messages.
             * @param message ServerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: muxgate.v1.ServerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ServerFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {muxgate.v1.ServerFrame & muxgate.v1.ServerFrame.$Shape} ServerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): muxgate.v1.ServerFrame & muxgate.v1.ServerFrame.$Shape;
        }

        namespace ServerFrame {

            /** Properties of a ServerFrame. */
            interface $Properties {

                /** ServerFrame type */
                type?: (string|null);

                /** ServerFrame stream */
                stream?: (string|null);

                /** ServerFrame refText */
                refText?: (string|null);

                /** ServerFrame refInt */
                refInt?: (number|Long|null);

                /** ServerFrame payload */
                payload?: (Uint8Array|null);

                /** ServerFrame conn */
                conn?: (string|null);

                /** ServerFrame heartbeatMs */
                heartbeatMs?: (number|Long|null);

                /** ServerFrame limits */
                limits?: (muxgate.v1.Limits.$Properties|null);

                /** ServerFrame exp */
                exp?: (number|Long|null);

                /** ServerFrame pos */
                pos?: (string|null);

                /** ServerFrame recovered */
                recovered?: (boolean|null);

                /** ServerFrame via */
                via?: (string|null);

                /** ServerFrame code */
                code?: (string|null);

                /** ServerFrame message */
                message?: (string|null);

                /** ServerFrame reason */
                reason?: (string|null);

                /** ServerFrame extra */
                extra?: (Uint8Array|null);

                /** ServerFrame protocol */
                protocol?: (string|null);

                /** ServerFrame ref */
                ref?: ("refText"|"refInt");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ServerFrame. */
            type $Shape = {
              type?: string|null;
              stream?: string|null;
              refText?: string|null;
              refInt?: number|Long|null;
              payload?: Uint8Array|null;
              conn?: string|null;
              heartbeatMs?: number|Long|null;
              limits?: muxgate.v1.Limits.$Shape|null;
              exp?: number|Long|null;
              pos?: string|null;
              recovered?: boolean|null;
              via?: string|null;
              code?: string|null;
              message?: string|null;
              reason?: string|null;
              extra?: Uint8Array|null;
              protocol?: string|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ ref?: undefined; refText?: null; refInt?: null }|{ ref?: "refText"; refText: string; refInt?: null }|{ ref?: "refInt"; refText?: null; refInt: number|Long })
            );
        }
    }
}
